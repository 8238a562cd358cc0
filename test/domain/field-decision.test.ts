import { decideField, employeeField, FieldDecisionInput } from '../../domain';

const phone = employeeField('phone'); // flows to HR, default 'ask'
const street = employeeField('addressStreet'); // never unset in Xledger
const nationalId = employeeField('nationalId'); // removed in Xledger when removed in HR
const trialTo = employeeField('trialTo'); // HR → Xledger only

const decide = (over: Partial<FieldDecisionInput> & Pick<FieldDecisionInput, 'field'>) =>
  decideField({ hr: null, xledger: null, policy: over.field.defaultPolicy, allowToHr: true, ...over });

describe('decideField', () => {
  it('equal after normalising → unchanged', () => {
    expect(decide({ field: phone, hr: '+4791234567', xledger: '912 34 567' })).toEqual({ kind: 'unchanged' });
  });

  describe('with a baseline', () => {
    it('only HR changed → to Xledger', () => {
      expect(decide({ field: phone, hr: '+4792222222', xledger: '+4791111111', baseline: '+4791111111' })).toMatchObject({
        kind: 'write',
        direction: 'to-xledger',
        from: '+4791111111',
        to: '+4792222222',
      });
    });

    it('only Xledger changed → to HR (normalised for HR)', () => {
      expect(decide({ field: phone, hr: '+4791111111', xledger: '922 22 222', baseline: '+4791111111' })).toMatchObject({
        kind: 'write',
        direction: 'to-hr',
        from: '+4791111111',
        to: '+4792222222',
      });
    });

    it('only Xledger changed, but the connection is HR → Xledger only → HR value restored', () => {
      expect(decide({ field: phone, hr: '+4791111111', xledger: '+4792222222', baseline: '+4791111111', allowToHr: false })).toMatchObject({
        kind: 'write',
        direction: 'to-xledger',
        to: '+4791111111',
      });
    });

    it('only Xledger changed an HR → Xledger-only field → HR value restored', () => {
      expect(decide({ field: trialTo, hr: '2020-07-01', xledger: '2021-01-01', baseline: '2020-07-01' })).toMatchObject({
        kind: 'write',
        direction: 'to-xledger',
        to: '2020-07-01',
      });
    });

    it('both changed differently → conflict (ask)', () => {
      expect(decide({ field: phone, hr: '+4792222222', xledger: '+4793333333', baseline: '+4791111111' })).toEqual({
        kind: 'conflict',
        reason: 'Changed in both HR and Xledger since the last sync',
      });
    });

    it('both changed differently with hr-wins / xledger-wins policies', () => {
      const base = { field: phone, hr: '+4792222222', xledger: '+4793333333', baseline: '+4791111111' };
      expect(decide({ ...base, policy: 'hr-wins' })).toMatchObject({ kind: 'write', direction: 'to-xledger' });
      expect(decide({ ...base, policy: 'xledger-wins' })).toMatchObject({ kind: 'write', direction: 'to-hr' });
    });

    it('national id removed in HR → removed in Xledger', () => {
      expect(decide({ field: nationalId, hr: null, xledger: '13097248022', baseline: '13097248022' })).toMatchObject({
        kind: 'write',
        direction: 'to-xledger',
        to: null,
      });
    });

    it('address removed in HR → Xledger keeps it (never unset), even with hr-wins', () => {
      for (const policy of ['ask', 'hr-wins'] as const) {
        expect(decide({ field: street, hr: null, xledger: 'Storgata 1', baseline: 'Storgata 1', policy }).kind).toBe('kept');
      }
    });

    it('phone removed in HR → the policy decides (a removal is not assumed)', () => {
      expect(decide({ field: phone, hr: null, xledger: '+4791111111', baseline: '+4791111111' }).kind).toBe('conflict');
    });

    it('removed in Xledger → the policy decides (HR is not wiped automatically)', () => {
      expect(decide({ field: phone, hr: '+4791111111', xledger: null, baseline: '+4791111111' }).kind).toBe('conflict');
    });

    it('an Xledger value that is invalid for HR is kept, not written to HR', () => {
      const r = decide({ field: employeeField('bankAccount'), hr: '12345678903', xledger: '12345678904', baseline: '12345678903' });
      expect(r.kind).toBe('kept');
      if (r.kind === 'kept') expect(r.reason).not.toContain('12345678904');
    });
  });

  describe('without a baseline', () => {
    it('different values → conflict under ask', () => {
      expect(decide({ field: phone, hr: '+4792222222', xledger: '+4793333333' })).toEqual({
        kind: 'conflict',
        reason: 'Different in HR and Xledger',
      });
    });

    it('different values → policy decides', () => {
      expect(decide({ field: phone, hr: '+4792222222', xledger: '+4793333333', policy: 'hr-wins' })).toMatchObject({ direction: 'to-xledger' });
      expect(decide({ field: phone, hr: '+4792222222', xledger: '+4793333333', policy: 'xledger-wins' })).toMatchObject({ direction: 'to-hr' });
    });

    it('missing in Xledger → filled from HR', () => {
      expect(decide({ field: phone, hr: '+4792222222', xledger: null })).toMatchObject({ kind: 'write', direction: 'to-xledger' });
    });

    it('missing in HR → ask', () => {
      expect(decide({ field: phone, hr: null, xledger: '+4792222222' }).kind).toBe('conflict');
    });

    it('position fields: HR wins', () => {
      expect(decide({ field: trialTo, hr: '2020-07-01', xledger: '2020-08-01' })).toMatchObject({ direction: 'to-xledger' });
    });

    it('xledger-wins on a field that cannot flow to HR keeps Xledger’s value', () => {
      expect(decide({ field: trialTo, hr: '2020-07-01', xledger: '2020-08-01', policy: 'xledger-wins' }).kind).toBe('kept');
    });
  });
});
