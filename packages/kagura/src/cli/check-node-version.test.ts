import { describe, expect, it } from 'vitest';
import { checkNodeVersion } from './check-node-version.js';

describe('checkNodeVersion', () => {
  it('should accept Node 22.13 and newer', () => {
    for (const version of ['22.13.0', '22.13.1', '22.20.0', '23.0.0', '24.21.0', 'v25.1.0']) {
      expect(checkNodeVersion(version)).toBeUndefined();
    }
  });

  it('should name both versions and the fix for an older Node', () => {
    for (const version of ['20.20.2', '22.12.9', '18.19.0', '22.0.0']) {
      const message = checkNodeVersion(version);
      expect(message).toMatch(
        new RegExp(
          `^Kagura TS needs Node >= 22\\.13, this is Node ${version.replace(/\./g, '\\.')}\\. `,
        ),
      );
      expect(message).toContain('Install Node 22.13 or newer');
    }
  });

  it('should compare with the minimum it is given', () => {
    expect(checkNodeVersion('22.13.0', '24')).toMatch(
      /^Kagura TS needs Node >= 24, this is Node 22\.13\.0\./,
    );
    expect(checkNodeVersion('24.0.0', '24')).toBeUndefined();
  });

  it('should not stop a version it cannot read', () => {
    expect(checkNodeVersion('nightly')).toBeUndefined();
    expect(checkNodeVersion('24.0.0', '^22')).toBeUndefined();
  });
});
