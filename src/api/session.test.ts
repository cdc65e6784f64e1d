import { describe, expect, it } from 'vitest';
import { permission } from './session';

describe('permission', () => {
  it('lets authors and admins edit policies', () => {
    expect(permission('author', 'edit_policies')).toEqual({ allowed: true, reason: null });
    expect(permission('admin', 'edit_policies').allowed).toBe(true);
  });
  it('tells an auditor why they cannot edit', () => {
    expect(permission('auditor', 'edit_policies')).toEqual({
      allowed: false,
      reason: 'Your role (auditor) cannot create or change policies; only admin or author can.',
    });
  });
  it('reserves tokens and zone settings to admins', () => {
    expect(permission('reviewer', 'manage_tokens').allowed).toBe(false);
    expect(permission('author', 'manage_zone').reason).toMatch(/only admin can/);
    expect(permission('author', 'manage_applications')).toEqual({
      allowed: false,
      reason: 'Your role (author) cannot register, change or disable applications; only admin can.',
    });
  });
});
