import { describe, expect, it } from 'vitest';
import { FakeHashClient } from './fakeHashClient';
import { SET_IF_UNCHANGED } from './featurePipeline';

const setIfUnchanged = (client: FakeHashClient, key: string, args: string[]) => client.eval(SET_IF_UNCHANGED, { keys: [key], arguments: args });

describe('FakeHashClient', () => {
  it('answers {} for a missing key and a copy of the hash for a known one, as a Redis hash read does', async () => {
    const client = new FakeHashClient();
    client.hashes.set('features:u1', { age: '29' });
    expect(await client.hGetAll('features:missing')).toEqual({});
    const read = await client.hGetAll('features:u1');
    read.age = '30';
    expect(client.hashes.get('features:u1')).toEqual({ age: '29' });
  });

  it('runs SET_IF_UNCHANGED: sets the pairs and returns 1 when every guard holds, changes nothing and returns 0 when one fails', async () => {
    const client = new FakeHashClient();
    client.hashes.set('k', { age: '17', country: '"PT"' });
    expect(await setIfUnchanged(client, 'k', ['1', 'age', '18', 'age_bucket', '"18-34"'])).toBe(0);
    expect(client.hashes.get('k')).toEqual({ age: '17', country: '"PT"' });
    expect(await setIfUnchanged(client, 'k', ['1', 'age', '17', 'age_bucket', '"under-18"'])).toBe(1);
    expect(client.hashes.get('k')).toEqual({ age: '17', country: '"PT"', age_bucket: '"under-18"' });
  });

  it('treats a missing field as failing its guard, like HGET returning nil', async () => {
    const client = new FakeHashClient();
    expect(await setIfUnchanged(client, 'k', ['1', 'age', '17', 'age_bucket', '"under-18"'])).toBe(0);
    expect(client.hashes.has('k')).toBe(false);
  });

  it('refuses any other script and fails on the chosen key', async () => {
    const client = new FakeHashClient();
    await expect(client.eval('return 1', { keys: ['k'], arguments: [] })).rejects.toThrow(/only knows SET_IF_UNCHANGED/);
    client.failOn = 'k';
    await expect(setIfUnchanged(client, 'k', ['0', 'a', '1'])).rejects.toThrow(/connection reset/);
  });

  it('runs the afterRead hook, and waits for it, after taking the snapshot it returns', async () => {
    const client = new FakeHashClient();
    client.hashes.set('k', { age: '17' });
    const order: string[] = [];
    client.afterRead = async () => {
      client.hashes.set('k', { age: '18' });
      await Promise.resolve();
      order.push('hook done');
    };
    const read = await client.hGetAll('k');
    order.push('read returned');
    expect(read).toEqual({ age: '17' });
    expect(order).toEqual(['hook done', 'read returned']);
  });
});
