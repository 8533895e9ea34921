import { failureClasses, hintFor, responseFailureClasses, transportFailureClasses } from '../../src/epicor/failureClasses';

describe('hintFor', () => {
  it.each(failureClasses)('gives hint for %s', (failureClass) => {
    const hint = hintFor(failureClass, { company: 'EPIC06', timeoutMs: 15000 });

    expect(hint.length).toBeGreaterThan(20);
  });

  it('points access denied at test path', () => {
    const hint = hintFor('accessDenied', { company: 'EPIC 06', timeoutMs: 15000 });

    expect(hint).toContain("set this connection's test path to a service the user can read, such as api/v2/odata/EPIC%2006/Erp.BO.PartSvc/Parts?$top=1");
  });

  it('names timeout and licence delay', () => {
    const hint = hintFor('timeout', { company: 'EPIC06', timeoutMs: 15000 });

    expect(hint).toContain('within 15 s');
    expect(hint).toContain('about 20 s');
  });
});

describe('failureClasses', () => {
  it('joins transport and response classes', () => {
    const joined = [...transportFailureClasses, ...responseFailureClasses];

    expect(failureClasses).toEqual(joined);
    expect(new Set(failureClasses).size).toBe(joined.length);
  });
});
