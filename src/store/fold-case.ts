/** The store folds names for matching exactly as SCIM filters compare them: one rule, kept with the protocol core. */
export { foldCase } from '../scim/fold-case.js';
