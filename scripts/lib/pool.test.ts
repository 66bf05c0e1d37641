import { describe, expect, it } from 'vitest';
import { browserTabs, mapConcurrently } from './pool';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapConcurrently', () => {
  it('keeps the results in the order of the items, whichever finishes first', async () => {
    const results = await mapConcurrently([30, 5, 20, 1], 2, {
      setUp: async () => undefined,
      work: async (_, ms, index) => {
        await tick(ms);
        return `${index}:${ms}`;
      },
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1']);
  });

  it('never runs more items at once than it has workers, and sets each worker up and down once', async () => {
    let running = 0;
    let most = 0;
    const events: string[] = [];
    let workerId = 0;
    await mapConcurrently(
      Array.from({ length: 9 }, (_, i) => i),
      3,
      {
        setUp: async () => {
          events.push('up');
          return workerId++;
        },
        work: async () => {
          running++;
          most = Math.max(most, running);
          await tick(2);
          running--;
        },
        tearDown: async () => {
          events.push('down');
        },
      },
    );
    expect(most).toBe(3);
    expect(events.filter((e) => e === 'up')).toHaveLength(3);
    expect(events.filter((e) => e === 'down')).toHaveLength(3);
  });

  it('opens no more workers than there are items', async () => {
    let workers = 0;
    await mapConcurrently(['only'], 4, { setUp: async () => workers++, work: async () => undefined });
    expect(workers).toBe(1);
  });

  it('rethrows the first failure after every worker has been torn down, and takes no new item after it', async () => {
    const done: number[] = [];
    let tornDown = 0;
    const run = mapConcurrently([1, 2, 3, 4, 5, 6], 2, {
      setUp: async () => undefined,
      work: async (_, item) => {
        await tick(item);
        if (item === 2) throw new Error('page 2 failed');
        done.push(item);
      },
      tearDown: async () => {
        tornDown++;
      },
    });
    await expect(run).rejects.toThrow('page 2 failed');
    expect(tornDown).toBe(2);
    expect(done).not.toContain(6);
  });

  it('treats a worker that cannot be set up as a failure: the others stop taking items, and it is rethrown once they are torn down', async () => {
    const done: number[] = [];
    let setUps = 0;
    let tornDown = 0;
    const run = mapConcurrently([1, 2, 3, 4, 5, 6], 2, {
      setUp: async () => {
        setUps += 1;
        if (setUps === 2) {
          await tick(2);
          throw new Error('the second tab did not open');
        }
      },
      work: async (_, item) => {
        await tick(3);
        done.push(item);
      },
      tearDown: async () => {
        tornDown++;
      },
    });
    await expect(run).rejects.toThrow('the second tab did not open');
    expect(tornDown).toBe(1);
    expect(done.length).toBeLessThan(6);
  });
});

describe('browserTabs', () => {
  it('uses BROWSER_TABS when it is a positive whole number', () => {
    expect(browserTabs({ BROWSER_TABS: '3' }, 2)).toBe(3);
    expect(browserTabs({ BROWSER_TABS: 'lots' }, 2)).toBe(2);
  });

  it('opens two to four tabs by the number of cores: a tab waiting on the network leaves its core to another', () => {
    expect(browserTabs({}, 1)).toBe(2);
    expect(browserTabs({}, 2)).toBe(2);
    expect(browserTabs({}, 16)).toBe(4);
  });
});
