/**
 * Ids compare byte by byte, as SQLite compares them, whatever the database's default collation (an `en_US`
 * database would sort `B` after `a`). Timestamps keep the default collation, and with it their indexes: ISO-8601
 * strings of one format order the same under every collation.
 */
export const BYTEWISE = 'COLLATE "C"';
