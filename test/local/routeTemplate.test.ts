import { compileRoute } from '../../src/local/routeTemplate';

describe('compileRoute', () => {
  it.each([
    ['api/customers/{customerId}/failed-messages', '/api/customers/abc/failed-messages', { customerId: 'abc' }],
    ['api/customers/{customerId}/failed-messages', '/api/customers/abc/failed-messages/', { customerId: 'abc' }],
    ['api/portal/{*path}', '/api/portal/', {}],
    ['api/portal/{*path}', '/api/portal/assets/app.js', { path: 'assets/app.js' }],
    ['api/items/{id:int}', '/api/items/42', { id: '42' }],
    ['api/items/{id?}', '/api/items', {}],
    ['api/health', '/API/Health', {}],
  ])('matches %s on %s', (template, path, expected) => {
    expect(compileRoute(template).match(path)).toEqual(expected);
  });

  it.each([
    ['api/customers/{customerId}/failed-messages', '/api/customers/abc/failed-messages/resend'],
    ['api/items/{id:int}', '/api/items/forty'],
    ['api/health', '/api/healthz'],
  ])('does not match %s on %s', (template, path) => {
    expect(compileRoute(template).match(path)).toBeUndefined();
  });
});
