import { describe, expect, it } from 'vitest';
import { benchModule } from '../../../bench/child-process.js';

describe('bench child modules', () => {
  it('are forked by the name the running bench has: compiled .js under node, .ts under tsx', () => {
    expect(benchModule('targets-process', 'file:///repo/.bench-build/bench/rest-read-path.js').href).toBe('file:///repo/.bench-build/bench/targets-process.js');
    expect(benchModule('targets-process', 'file:///repo/bench/rest-read-path.ts').href).toBe('file:///repo/bench/targets-process.ts');
  });
});
