import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BudgetLedger, RateWindow } from './request-budget.js';

/**
 * One reservation, run by Redis as a single script so no other replica's reservation can interleave
 * (https://redis.io/docs/latest/develop/interactive/programmability/eval-intro/). The sorted set holds one member per
 * spent request, scored by its time. Same semantics as `memoryBudgetLedger`: entries older than the longest window are
 * trimmed; a window is full when it holds `count` entries newer than `now - perMs`, and then frees up when the
 * `count`-th newest of them leaves it; the request is recorded only if every window has room.
 *
 * KEYS[1] the set; ARGV: now, a unique member, then `count, perMs` per window. Returns {granted, retryAfterMs, then
 * per window what it still allows}, retryAfterMs as a string because Redis truncates Lua numbers to integers.
 */
const RESERVE_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local longest = 0
for i = 3, #ARGV, 2 do longest = math.max(longest, tonumber(ARGV[i + 1])) end
redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.17g', now - longest))
local retry = 0
local left = {}
for i = 3, #ARGV, 2 do
  local count = tonumber(ARGV[i])
  local perMs = tonumber(ARGV[i + 1])
  local after = string.format('(%.17g', now - perMs)
  local inWindow = redis.call('ZCOUNT', key, after, '+inf')
  table.insert(left, count - inWindow)
  if inWindow >= count then
    local freesAt = now
    local oldest = redis.call('ZRANGEBYSCORE', key, after, '+inf', 'WITHSCORES', 'LIMIT', inWindow - count, 1)
    if oldest[2] then freesAt = tonumber(oldest[2]) end
    retry = math.max(retry, freesAt + perMs - now)
  end
end
if retry > 0 then
  local answer = {0, string.format('%.17g', retry)}
  for _, l in ipairs(left) do table.insert(answer, math.max(0, l)) end
  return answer
end
redis.call('ZADD', key, now, ARGV[2])
redis.call('PEXPIRE', key, math.max(1, math.ceil(longest)))
local answer = {1, '0'}
for _, l in ipairs(left) do table.insert(answer, l - 1) end
return answer
`;
const RESERVE_SHA = createHash('sha1').update(RESERVE_SCRIPT).digest('hex');

export interface RedisBudgetLedgerOptions {
  /** Namespaces this bridge's keys in a shared Redis, e.g. `scim-bridge:budget:`. */
  prefix: string;
}

/**
 * A `BudgetLedger` in Redis, so every replica spends one upstream budget together (two replicas never spend one ZIA
 * hourly budget twice; docs/upstreams/zscaler-zia.md §7). Each budget key is one sorted set that expires with its longest window.
 * A Redis failure rejects the reservation: spending a budget blind could earn the upstream's lock-out.
 */
export function createRedisBudgetLedger(redis: Redis, options: RedisBudgetLedgerOptions): BudgetLedger {
  const run = async (key: string, args: (string | number)[]): Promise<unknown> => {
    try {
      return await redis.evalsha(RESERVE_SHA, 1, key, ...args);
    } catch (err) {
      // The script cache is empty after a Redis restart or on a new server: send the script itself once.
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(RESERVE_SCRIPT, 1, key, ...args);
    }
  };
  return {
    async reserve(key: string, windows: readonly RateWindow[], now: number) {
      if (windows.length === 0) return { granted: true, retryAfterMs: 0, remaining: [] };
      const args = [now, `${now}:${randomUUID()}`, ...windows.flatMap((w) => [w.count, w.perMs])];
      const [granted, retryAfterMs, ...remaining] = (await run(`${options.prefix}${key}`, args)) as [number, string, ...number[]];
      return { granted: granted === 1, retryAfterMs: Number(retryAfterMs), remaining: remaining.map(Number) };
    },
  };
}
