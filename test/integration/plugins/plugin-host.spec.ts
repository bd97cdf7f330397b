import {
  definePlugin,
  PluginsModule,
  PluginStartError,
  validatePlugins,
  type LiquidePlugin,
} from '@liquide/engine';
import { petitionsPlugin, type PetitionSettings } from '@liquide/plugin-petitions';
import { request } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createRegionalCollective,
  enablePetitions,
  openPetition,
  smallSettings,
  type ErrorBody,
  type RegionalCollective,
} from './petitions-fixtures';

const throwaway = (overrides: Partial<LiquidePlugin>): LiquidePlugin =>
  definePlugin({
    id: 'throwaway',
    version: '1.0.0',
    engineRange: '^0.1.0',
    title: { fr: 'Jetable', en: 'Throwaway' },
    ...overrides,
  });

describe('plugin host: validation at start', () => {
  it('refuses a plugin whose engine range does not match, naming the plugin and the rule', () => {
    const sut = () => validatePlugins([throwaway({ engineRange: '^2.0.0' })], '0.1.0');
    expect(sut).toThrow(PluginStartError);
    expect(sut).toThrow(
      'plugin "throwaway" 1.0.0 needs engine ^2.0.0, this engine is 0.1.0 (rule: engineRange)',
    );
  });

  it('stops the start: PluginsModule.forRoot throws before anything is built', () => {
    expect(() =>
      PluginsModule.forRoot([petitionsPlugin, throwaway({ engineRange: '>=0.2.0 <1.0.0' })]),
    ).toThrow(/plugin "throwaway" 1\.0\.0 needs engine >=0\.2\.0 <1\.0\.0/);
  });

  it('refuses a missing or out-of-range dependency, an unreadable range and a duplicate id', () => {
    const dependent = throwaway({ dependsOn: ['co-drafting', { id: 'petitions', range: '^2.0.0' }] });
    let error: PluginStartError | undefined;
    try {
      validatePlugins([petitionsPlugin, dependent, throwaway({ id: 'petitions', engineRange: 'latest' })]);
    } catch (caught) {
      error = caught as PluginStartError;
    }
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        'plugin "throwaway" 1.0.0 depends on plugin "co-drafting", which the server does not list (rule: dependsOn)',
        'plugin "throwaway" 1.0.0 depends on plugin "petitions" ^2.0.0, the server lists 0.1.0 (rule: dependsOn)',
        'plugin "petitions" is listed twice (rule: unique id)',
        'plugin "petitions" 1.0.0: engine range "latest" cannot be read (rule: engineRange)',
      ]),
    );
  });

  it('accepts the petitions plugin with its dependents', () => {
    expect(() =>
      validatePlugins([petitionsPlugin, throwaway({ dependsOn: [{ id: 'petitions', range: '^0.1.0' }] })]),
    ).not.toThrow();
  });
});

describe('plugin host: per-collective settings over HTTP', () => {
  let sut: TestApp;
  let one: RegionalCollective;
  let two: RegionalCollective;

  beforeAll(async () => {
    sut = await startTestApp();
    [one, two] = await Promise.all([
      createRegionalCollective(sut.baseUrl, [{ name: 'alice' }, { name: 'obs', roles: 'observer' }]),
      createRegionalCollective(sut.baseUrl, [{ name: 'bob' }]),
    ]);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('lists the available plugins with their state, settings, presets and the settings JSON Schema', async () => {
    const response = await one.admin.call<Record<string, unknown>[]>(
      'GET',
      `/api/collectives/${one.id}/plugins`,
    );
    expect(response.status).toBe(200);
    const petitions = response.body.find((plugin) => plugin.id === 'petitions');
    expect(petitions).toMatchObject({
      version: '0.1.0',
      enabled: false,
      phases: ['sponsorship', 'moderation', 'deliberation', 'collection'],
      presets: [
        { name: 'uk', title: expect.any(Object) },
        { name: 'eci', title: expect.any(Object) },
        { name: 'mavoix', title: expect.any(Object) },
      ],
      settings: { global: { regionAttribute: 'region' }, phases: { sponsorship: { sponsorsRequired: 5 } } },
      settingsSchema: {
        type: 'object',
        properties: {
          global: { properties: { regionAttribute: { type: 'string', default: 'region' } } },
          phases: { properties: { collection: { properties: { thresholds: { type: 'array' } } } } },
        },
      },
      actions: { 'petitions.sign': { roles: ['member'] } },
    });
  });

  it('refuses settings that break the schema, naming each field and rule, in French or English', async () => {
    const bad = {
      settings: {
        phases: {
          sponsorship: { sponsorsRequired: -1 },
          collection: {
            thresholds: [
              { id: 'x', signatures: 10, effect: 'binding', spread: { minRegions: 4, minimums: { A: 1 } } },
            ],
          },
        },
        extra: true,
      },
    };
    const fr = await one.admin.call<ErrorBody>('PUT', `/api/collectives/${one.id}/plugins/petitions`, bad);
    expect(fr.status).toBe(400);
    expect(fr.body.code).toBe('common.validation_failed');
    expect(fr.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'settings.phases.sponsorship.sponsorsRequired', rule: 'too_small' }),
        expect.objectContaining({
          field: 'settings.phases.collection.thresholds[0].spread.minRegions',
          rule: 'custom',
          message: expect.stringMatching(/au plus le nombre de régions/i),
        }),
        expect.objectContaining({ field: 'settings', rule: 'unrecognized_keys' }),
      ]),
    );
    const en = await one.admin.call<ErrorBody>('PUT', `/api/collectives/${one.id}/plugins/petitions`, bad, {
      'accept-language': 'en',
    });
    expect(en.body.message).toMatch(/The request is invalid/);
    const unknownPreset = await one.admin.call<ErrorBody>(
      'PUT',
      `/api/collectives/${one.id}/plugins/petitions`,
      {
        preset: 'swiss',
      },
    );
    expect(unknownPreset.status).toBe(400);
    expect(unknownPreset.body).toMatchObject({ code: 'plugin.preset_not_found', field: 'preset' });
    expect(unknownPreset.body.message).toContain('uk, eci, mavoix');
    const both = await one.admin.call<ErrorBody>('PUT', `/api/collectives/${one.id}/plugins/petitions`, {
      preset: 'uk',
      settings: {},
    });
    expect(both.body.code).toBe('plugin.preset_and_settings');
    const unknownPlugin = await one.admin.call<ErrorBody>(
      'PUT',
      `/api/collectives/${one.id}/plugins/nope`,
      {},
    );
    expect(unknownPlugin.status).toBe(404);
    expect(unknownPlugin.body.code).toBe('plugin.not_found');
  });

  it('lets organisers only configure plugins', async () => {
    const member = await one.users.alice.call<ErrorBody>(
      'PUT',
      `/api/collectives/${one.id}/plugins/petitions`,
      {},
    );
    expect(member.status).toBe(403);
    const anonymous = await request<ErrorBody>(
      sut.baseUrl,
      'DELETE',
      `/api/collectives/${one.id}/plugins/petitions`,
    );
    expect(anonymous.status).toBe(401);
  });

  it('enables per collective, refuses plugin actions where disabled (409 plugin.disabled), and keeps data on disable', async () => {
    await enablePetitions(one.admin, one.id, { preset: 'eci' });
    const listed = await one.admin.call<
      { id: string; enabled: boolean; preset: string; settings: PetitionSettings }[]
    >('GET', `/api/collectives/${one.id}/plugins`);
    const state = listed.body.find((plugin) => plugin.id === 'petitions')!;
    expect(state).toMatchObject({ enabled: true, preset: 'eci' });
    expect(state.settings.phases.collection.thresholds[0].spread?.minimums.DE).toBe(69_120);

    const elsewhere = await two.users.bob.call<ErrorBody>('POST', `/api/collectives/${two.id}/petitions`, {
      title: 'Une pétition ailleurs',
      text: 'Texte',
      addressee: 'Mairie',
    });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({ code: 'plugin.disabled' });
    expect(elsewhere.body.message).toBe('L’extension « petitions » n’est pas activée dans ce collectif');

    await enablePetitions(one.admin, one.id, { settings: smallSettings([]) });
    const petitionId = await openPetition(one.users.alice, one.admin, one.id);
    const disabled = await one.admin.call('DELETE', `/api/collectives/${one.id}/plugins/petitions`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ enabled: false });
    const refused = await one.users.alice.call<ErrorBody>('PUT', `/api/petitions/${petitionId}/signature`);
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 409,
      code: 'plugin.disabled',
    });
    const read = await one.users.alice.call<ErrorBody>('GET', `/api/petitions/${petitionId}`, undefined, {
      'accept-language': 'en',
    });
    expect(read.body.message).toBe('Plugin "petitions" is not enabled in this collective');
    // a role refusal comes before the plugin state: an observer learns nothing more
    const observer = await one.users.obs.call<ErrorBody>('PUT', `/api/petitions/${petitionId}/signature`);
    expect(observer.status).toBe(403);

    await one.admin.call('PUT', `/api/collectives/${one.id}/plugins/petitions`, {});
    const again = await one.users.alice.call<{ status: string; title: string }>(
      'GET',
      `/api/petitions/${petitionId}`,
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'open', title: 'Pour des pistes cyclables' });
  });

  it('writes enabling and disabling to the public record', async () => {
    const record = await one.admin.call<{ events: { type: string; payload: { pluginId?: string } }[] }>(
      'GET',
      `/api/collectives/${one.id}/record`,
    );
    expect(record.status).toBe(200);
    const types = record.body.events.filter((e) => e.payload.pluginId === 'petitions').map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['plugin.enabled', 'plugin.disabled']));
  });
});
