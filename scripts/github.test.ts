/**
 * The repository's GitHub files say what the rest of the project says: CI
 * runs the README's test command through .ci/run, the deploy workflow builds
 * with the addresses docusaurus.config.ts reads, and the pull-request
 * checklist and issue forms are well-formed and ask for what CONTRIBUTING.md
 * and the validator require.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { KEY_INSIGHT_MAX_WORDS } from '../src/content/schema';
import { TRACKS } from '../src/content/tracks';
import { BROWSER_ENV } from './lib/browser';
import { POPPLER_HINT } from './site-tests/poppler';
import { PROJECT_ROOT } from './validate/index';
import { TODO_MARKER } from './validate/rules/todo';

const read = (file: string): string => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

/** Parses a YAML file, failing with the file, line and message of the first syntax error. */
function yamlFile(file: string): Record<string, unknown> {
  const doc = parseDocument(read(file), { prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) throw new Error(`${file}:${error.linePos?.[0]?.line ?? '?'}: ${error.message}`);
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file}: expected a mapping at the top`);
  return value as Record<string, unknown>;
}

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: string;
}
interface Job {
  'runs-on'?: string;
  needs?: string | string[];
  environment?: { name?: string; url?: string };
  steps: Step[];
}

function jobs(workflow: Record<string, unknown>): Record<string, Job> {
  return workflow.jobs as Record<string, Job>;
}

const action = (step: Step): string | undefined => step.uses?.split('@')[0];

/** Top-level commands of a shell script: not comments, not inside if/fi blocks. */
function topLevelCommands(script: string): string[] {
  const commands: string[] = [];
  let depth = 0;
  for (const raw of script.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^if\b/.test(line)) depth++;
    if (depth === 0) commands.push(line);
    if (/^fi\b/.test(line)) depth--;
  }
  return commands;
}

/** The README's test command: the last command on the line of its shell block that runs "every test". */
function readmeTestCommand(): string {
  const line = read('README.md')
    .split('\n')
    .find((l) => /^npm .*#.*every test/.test(l));
  if (!line) throw new Error('README.md has no "npm … # every test" line');
  return line.split('#')[0]!.split('&&').at(-1)!.trim();
}

const packageJson = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };
const nodeMajor = Number(/(\d+)/.exec(packageJson.engines.node)?.[1]);

/** setup-node with the Node.js major that package.json's engines field names. */
function expectSetupNode(job: Job, { cache }: { cache: boolean }): void {
  const setup = job.steps.find((s) => action(s) === 'actions/setup-node');
  expect(setup?.with?.['node-version']).toBe(nodeMajor);
  if (cache) expect(setup?.with?.cache).toBe('npm');
  expect(job.steps.findIndex((s) => action(s) === 'actions/checkout')).toBe(0);
}

describe('every YAML file under .github', () => {
  const files = readdirSync(path.join(PROJECT_ROOT, '.github'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `.github/${f}`);

  it('is there', () => {
    expect(files.sort()).toEqual([
      '.github/ISSUE_TEMPLATE/config.yml',
      '.github/ISSUE_TEMPLATE/new-question.yml',
      '.github/ISSUE_TEMPLATE/wrong-answer.yml',
      '.github/workflows/bench.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/deploy.yml',
    ]);
  });

  it.each(files)('%s parses, without duplicate keys', (file) => {
    expect(() => yamlFile(file)).not.toThrow();
  });
});

describe('CI workflow', () => {
  const ci = yamlFile('.github/workflows/ci.yml');
  const ciRun = topLevelCommands(read('.ci/run'));

  it('runs on every pull request and on pushes to main', () => {
    const on = ci.on as Record<string, { branches?: string[] } | null>;
    expect(on).toHaveProperty('pull_request');
    expect(on.push?.branches).toEqual(['main']);
  });

  it("runs .ci/run, which installs and then runs the README's test command", () => {
    const testCommand = readmeTestCommand();
    expect(testCommand).toBe('npm test');
    expect(ciRun.at(-1)).toBe(testCommand);
    expect(ciRun).toContain('npm install --no-audit --no-fund');
    const runners = Object.values(jobs(ci)).filter((job) => job.steps.some((s) => s.run?.trim() === 'bash .ci/run'));
    expect(runners).toHaveLength(1);
    expect(runners[0]!['runs-on']).toBe('ubuntu-latest');
    expectSetupNode(runners[0]!, { cache: true });
  });

  it('gives the tests a browser and poppler before .ci/run, without downloading a browser', () => {
    const job = Object.values(jobs(ci)).find((j) => j.steps.some((s) => s.run?.trim() === 'bash .ci/run'))!;
    const before = job.steps.slice(
      0,
      job.steps.findIndex((s) => s.run?.trim() === 'bash .ci/run'),
    );
    const setup = before.map((s) => s.run ?? '').join('\n');
    expect(setup).toMatch(new RegExp(`echo "${BROWSER_ENV}=\\$\\(command -v google-chrome\\)" >> "\\$GITHUB_ENV"`));
    const popplerPackage = /apt-get install (\S+?);/.exec(POPPLER_HINT)?.[1];
    expect(popplerPackage).toBe('poppler-utils');
    expect(setup).toMatch(new RegExp(`apt-get install .*\\b${popplerPackage}\\b`));
    expect(setup).not.toMatch(/playwright install|npx playwright/);
  });

  it('audits the runtime dependencies for high and critical advisories', () => {
    expect(packageJson.scripts.audit).toBe('npm audit --omit=dev --audit-level=high');
    const auditJobs = Object.values(jobs(ci)).filter((job) => job.steps.some((s) => s.run?.trim() === 'npm run audit'));
    expect(auditJobs).toHaveLength(1);
    expectSetupNode(auditJobs[0]!, { cache: false });
  });
});

describe('bench workflow', () => {
  const bench = yamlFile('.github/workflows/bench.yml');
  const [job, ...others] = Object.values(jobs(bench));
  const script = job!.steps.map((s) => s.run ?? '').join('\n');

  it('runs only when asked, never on a push or a pull request, and may only read the repository', () => {
    expect(Object.keys(bench.on as object)).toEqual(['workflow_dispatch']);
    expect(bench.permissions).toEqual({ contents: 'read' });
    expect(others).toEqual([]);
  });

  it("runs on the runner CI's npm test runs on, installed as .ci/run installs", () => {
    const ci = yamlFile('.github/workflows/ci.yml');
    const ciRunner = Object.values(jobs(ci)).find((j) => j.steps.some((s) => s.run?.trim() === 'bash .ci/run'))!;
    expect(job!['runs-on']).toBe(ciRunner['runs-on']);
    expectSetupNode(job!, { cache: true });
    expect(topLevelCommands(read('.ci/run'))).toContain('npm install --no-audit --no-fund');
    expect(job!.steps.map((s) => s.run?.trim())).toContain('npm install --no-audit --no-fund');
  });

  it('gives npm test its browser, poppler and EPUBCheck, and the bench GNU time at the path it reads, without downloading a browser', () => {
    expect(script).toMatch(new RegExp(`echo "${BROWSER_ENV}=\\$\\(command -v google-chrome\\)" >> "\\$GITHUB_ENV"`));
    const packages = /apt-get install -y -qq ([^\n]+)/.exec(script)?.[1]?.split(/\s+/) ?? [];
    expect(packages).toEqual(expect.arrayContaining(['poppler-utils', 'epubcheck', 'time']));
    // Debian and Ubuntu's "time" package installs GNU time there; scripts/bench.ts reads the peak memory from it.
    expect(read('scripts/bench.ts')).toContain("const GNU_TIME = '/usr/bin/time';");
    expect(script).not.toMatch(/playwright install|npx playwright/);
  });

  it("runs npm run bench with its report on the run's summary page, fails when a step fails, and keeps the whole output", () => {
    const step = job!.steps.find((s) => s.run?.includes('npm run bench'))!;
    expect(step.run).toMatch(/^set -o pipefail$/m);
    expect(step.run).toMatch(/^npm run bench -- --report "\$GITHUB_STEP_SUMMARY" 2>&1 \| tee (\S+)$/m);
    const output = /tee (\S+)$/m.exec(step.run!)![1];
    const upload = job!.steps.find((s) => action(s) === 'actions/upload-artifact')!;
    expect(upload.with?.path).toBe(output);
    expect(upload).toHaveProperty('if', 'always()');
    expect(packageJson.scripts.bench).toBe('tsx scripts/bench.ts');
    expect(read('scripts/bench.ts')).toContain("args.indexOf('--report')");
  });
});

describe('npm test', () => {
  const steps = packageJson.scripts.test!.split('&&').map((s) => s.trim());

  it('runs only scripts that exist', () => {
    for (const step of steps) expect(packageJson.scripts[step.replace(/^npm run /, '')], step).toBeDefined();
  });

  it('runs the quick checks first, side by side, then the unit tests, the build and the tests of the built site last', () => {
    const at = (name: string): number => steps.indexOf(`npm run ${name}`);
    // The quick checks need nothing from each other, so `checks` runs them at once and fails when any one fails.
    const checks = packageJson.scripts.checks!;
    expect(checks).toMatch(/^concurrently /);
    expect(checks).not.toMatch(/--success (first|last)|--kill-others/);
    for (const quick of ['typecheck', 'lint', 'format:check', 'spell', 'validate']) expect(checks.split(/\s+/), quick).toContain(`npm:${quick}`);
    expect(at('checks')).toBe(0);
    expect(at('test:unit')).toBeGreaterThan(at('checks'));
    expect(at('test:unit')).toBeLessThan(at('build'));
    expect(at('test:site')).toBeGreaterThan(at('build'));
    expect(at('test:subpath')).toBe(steps.length - 1);
  });

  it('keeps what the type check, lint, format check and spell check found under node_modules/.cache, so a second run re-checks only what changed', () => {
    // Never committed (node_modules is ignored), emptied by `npm run clear`, absent from a fresh clone and from CI.
    // cspell checks every file again when project-words.txt or its config changes.
    const valueOf = (script: string, option: string): string | undefined => {
      const words = packageJson.scripts[script]!.split(/\s+/);
      return words.includes(option) ? words[words.indexOf(option) + 1] : undefined;
    };
    expect(packageJson.scripts.typecheck).toContain('--incremental');
    expect(valueOf('typecheck', '--tsBuildInfoFile')).toMatch(/^node_modules\/\.cache\//);
    for (const script of ['lint', 'format:check', 'format', 'spell']) {
      expect(packageJson.scripts[script]!.split(/\s+/), script).toContain('--cache');
      expect(valueOf(script, '--cache-location'), script).toMatch(/^node_modules\/\.cache\//);
    }
  });
});

describe('deploy workflow', () => {
  const deploy = yamlFile('.github/workflows/deploy.yml');
  const all = jobs(deploy);
  const buildJob = Object.values(all).find((job) => job.steps.some((s) => s.run?.includes('npm run build')))!;
  const buildStep = buildJob.steps.find((s) => s.run?.includes('npm run build'))!;

  it('publishes main, and on demand', () => {
    const on = deploy.on as Record<string, { branches?: string[] } | null>;
    expect(on.push?.branches).toEqual(['main']);
    expect(on).toHaveProperty('workflow_dispatch');
  });

  it('may publish to Pages and nothing more', () => {
    expect(deploy.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('builds with every address the site config reads from the environment, and a browser for the PDFs', () => {
    // docusaurus.config.ts hands process.env to src/content/siteAddress.ts, which reads the addresses.
    // NODE_ENV is not the workflow's to set: `docusaurus build` sets it to production.
    const fromEnv = [...read('docusaurus.config.ts').matchAll(/process\.env\.(\w+)/g), ...read('src/content/siteAddress.ts').matchAll(/\benv\.([A-Z_]+)/g)]
      .map((m) => m[1]!)
      .filter((name) => name !== 'NODE_ENV');
    expect(new Set(fromEnv)).toEqual(new Set(['BASE_URL', 'SITE_URL']));
    const set = (name: string): boolean => Object.keys(buildStep.env ?? {}).includes(name) || new RegExp(`^\\s*export ${name}=`, 'm').test(buildStep.run!);
    for (const name of [...fromEnv, BROWSER_ENV]) expect(set(name), name).toBe(true);
    expect(String(buildStep.env?.SITE_URL)).toContain('steps.pages.outputs.origin');
    expect(buildJob.steps.find((s) => s.id === 'pages')?.uses).toMatch(/^actions\/configure-pages@/);
    expectSetupNode(buildJob, { cache: true });
  });

  it('turns the Pages base path into a base URL with a slash at each end', () => {
    const lines = buildStep.run!.split('\n');
    const script = lines.slice(0, lines.findIndex((l) => /^\s*export BASE_URL=/.test(l)) + 1).join('\n');
    for (const [basePath, baseUrl] of [
      ['', '/'],
      ['/', '/'],
      ['/handbook', '/handbook/'],
      ['/handbook/', '/handbook/'],
    ]) {
      const out = execFileSync('bash', ['-c', `${script}\nprintf '%s' "$BASE_URL"`], {
        env: { PATH: process.env.PATH, PAGES_BASE_PATH: basePath },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(out, basePath).toBe(baseUrl);
    }
  });

  it('uploads the build and deploys it after the build', () => {
    const upload = buildJob.steps.find((s) => action(s) === 'actions/upload-pages-artifact');
    expect(upload?.with?.path).toBe('build');
    expect(buildJob.steps.indexOf(upload!)).toBeGreaterThan(buildJob.steps.indexOf(buildStep));
    const deployJob = Object.values(all).find((job) => job.steps.some((s) => action(s) === 'actions/deploy-pages'))!;
    const buildName = Object.entries(all).find(([, job]) => job === buildJob)![0];
    expect([deployJob.needs].flat()).toContain(buildName);
    expect(deployJob.environment?.name).toBe('github-pages');
  });
});

describe('issue forms', () => {
  const dir = '.github/ISSUE_TEMPLATE';
  const forms = readdirSync(path.join(PROJECT_ROOT, dir)).filter((f) => f !== 'config.yml');
  const TYPES = new Set(['markdown', 'input', 'textarea', 'dropdown', 'checkboxes']);

  interface Field {
    type: string;
    id?: string;
    attributes: { label?: string; value?: string; options?: (string | { label: string })[] };
    validations?: { required?: boolean };
  }

  it.each(forms)('%s is a valid GitHub issue form', (file) => {
    const form = yamlFile(`${dir}/${file}`);
    expect(typeof form.name).toBe('string');
    expect(typeof form.description).toBe('string');
    const body = form.body as Field[];
    expect(Array.isArray(body) && body.length > 0).toBe(true);
    const ids = new Set<string>();
    for (const field of body) {
      expect(TYPES.has(field.type), field.type).toBe(true);
      if (field.type === 'markdown') {
        expect(field.attributes.value?.trim()).toBeTruthy();
        continue;
      }
      expect(field.id).toMatch(/^[a-z0-9_-]+$/);
      expect(ids.has(field.id!), `duplicate id ${field.id}`).toBe(false);
      ids.add(field.id!);
      expect(field.attributes.label?.trim()).toBeTruthy();
      if (field.type === 'dropdown' || field.type === 'checkboxes') {
        const labels = (field.attributes.options ?? []).map((o) => (typeof o === 'string' ? o : o.label));
        expect(labels.length).toBeGreaterThan(0);
        expect(new Set(labels).size).toBe(labels.length);
      }
    }
    expect(body.some((f) => f.validations?.required === true)).toBe(true);
  });

  const required = (file: string): string[] => (yamlFile(`${dir}/${file}`).body as Field[]).filter((f) => f.validations?.required === true).map((f) => f.id!);

  it('a wrong answer names the page, what is wrong, the correction and a source to check it against', () => {
    expect(required('wrong-answer.yml')).toEqual(expect.arrayContaining(['page', 'wrong', 'right', 'source']));
  });

  it("a new question picks one of the handbook's tracks and states the question", () => {
    const body = yamlFile(`${dir}/new-question.yml`).body as Field[];
    expect(body.find((f) => f.id === 'track')?.attributes.options).toEqual(TRACKS.map((t) => t.label));
    expect(required('new-question.yml')).toEqual(expect.arrayContaining(['track', 'question']));
  });

  it('config.yml links to the contributing guide in this repository', () => {
    const config = yamlFile(`${dir}/config.yml`);
    expect(typeof config.blank_issues_enabled).toBe('boolean');
    const repository = /url: '(https:\/\/github\.com\/[^']+)'/.exec(read('docusaurus.config.ts'))?.[1];
    const links = config.contact_links as { name: string; url: string; about: string }[];
    expect(links.map((l) => l.url)).toContain(`${repository}/blob/main/CONTRIBUTING.md`);
    for (const link of links) expect(link.name && link.about).toBeTruthy();
  });
});

describe('pull-request template', () => {
  const template = read('.github/PULL_REQUEST_TEMPLATE.md');
  const items = template.split('\n').filter((l) => l.startsWith('- [ ] '));

  it('is a checklist of what CONTRIBUTING.md and the checks ask for', () => {
    const has = (pattern: RegExp): boolean => items.some((item) => pattern.test(item));
    expect(has(new RegExp('`' + readmeTestCommand() + '` passes'))).toBe(true);
    expect(has(new RegExp(`at most ${KEY_INSIGHT_MAX_WORDS} words`))).toBe(true);
    expect(has(/`src\/examples\/`.*no code pasted/)).toBe(true);
    expect(has(/reference/)).toBe(true);
    expect(has(/`questionId`.*`redirectFrom`/)).toBe(true);
    expect(has(new RegExp(TODO_MARKER.replace(/[()]/g, '\\$&')))).toBe(true);
    const wordList = /path: \.\/(\S+)/.exec(read('cspell.config.yaml'))?.[1];
    expect(wordList && existsSync(path.join(PROJECT_ROOT, wordList))).toBe(true);
    expect(has(new RegExp('`' + wordList!.replace('.', '\\.') + '`'))).toBe(true);
  });
});
