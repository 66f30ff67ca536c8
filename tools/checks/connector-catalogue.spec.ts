// Left out of tsconfig.node-check.json: it reaches into the console, whose Angular types resolve only with
// bundler resolution. Both files it imports are type-checked by their own projects.
import { CATALOGUE } from '../../libs/api/connectors/src/lib/registry/catalogue';
import { CONNECTOR_KINDS } from '../../apps/console/src/app/connectors/connector-catalogue';

/**
 * The console cannot import the api's catalogue (scope boundary), so it keeps what its configure dialog
 * needs: how each connector signs in and which extra settings it takes. This keeps the copy honest.
 */
describe('the console connector catalogue', () => {
  it('lists the same connectors as the api, with the same auth kind and extra settings', () => {
    const fromApi = Object.fromEntries(Object.values(CATALOGUE).map((c) => [c.name, { auth: c.auth, extraKeys: [...c.extraKeys].sort() }]));
    const fromConsole = Object.fromEntries(Object.entries(CONNECTOR_KINDS).map(([name, k]) => [name, { auth: k.auth, extraKeys: [...k.extraKeys].sort() }]));
    expect(fromConsole).toEqual(fromApi);
  });
});
