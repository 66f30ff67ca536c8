import { ALL_TENANTS, narrowScope, scopeSql, type TenantScope } from './tenancy';

const limited: TenantScope = { kind: 'some', codes: ['acme', 'globex'] };

describe('narrowScope', () => {
  it('leaves the scope alone when the request names no customer', () => {
    expect(narrowScope(limited, undefined)).toBe(limited);
    expect(narrowScope(limited, null)).toBe(limited);
    expect(narrowScope(limited, [])).toBe(limited);
    expect(narrowScope(ALL_TENANTS, undefined)).toBe(ALL_TENANTS);
  });

  it('gives an admin exactly the customer asked for', () => {
    expect(narrowScope(ALL_TENANTS, 'initech')).toEqual({ kind: 'some', codes: ['initech'] });
  });

  it('never widens a limited scope: customers outside it are dropped, none left sees nothing', () => {
    expect(narrowScope(limited, ['globex', 'initech'])).toEqual({ kind: 'some', codes: ['globex'] });
    const none = narrowScope(limited, 'initech');
    expect(none).toEqual({ kind: 'some', codes: [] });
    expect(scopeSql(none, 'customer_code').sql).toBe('1=0');
  });

  it('puts one condition on the customer column, with only the narrowed codes', () => {
    expect(scopeSql(narrowScope(limited, 'acme'), 'customer_code')).toEqual({ sql: 'customer_code IN (?)', params: ['acme'] });
  });
});
