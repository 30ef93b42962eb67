import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { deleteRunWithAudit, deletionBlocker } from '../pipeline/run-retention.js';
import { effectiveStatus, Workspace, writeFileAtomic } from '../pipeline/workspace.js';
import { formatRunDetails } from './run-details.js';

interface WorkspaceFlags {
  workspace?: string;
  json?: boolean;
  yes?: boolean;
}

export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('list, show, delete, pin and unpin runs');
  runs
    .command('list')
    .description('runs in the workspace, newest first')
    .option('--workspace <dir>', 'workspace folder')
    .option('--json', 'machine-readable output')
    .action(async (flags: WorkspaceFlags) => {
      const workspace = new Workspace(flags.workspace);
      const { runs: all, corrupt } = await workspace.listRunFolders();
      if (flags.json === true) {
        const rows = [
          ...all.map((m) => ({
            run_id: m.run_id,
            status: effectiveStatus(m),
            input: m.input?.name ?? null,
            started_at: m.started_at,
            counts: m.counts,
            pinned: m.pinned,
          })),
          ...corrupt.map((c) => ({ run_id: c.run_id, status: 'corrupt', problem: c.problem })),
        ];
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (all.length === 0 && corrupt.length === 0) {
        process.stdout.write(`no runs in ${workspace.root}. Start one with \`junction run <file>\`.\n`);
        return;
      }
      const newest = all.find((m) => m.status === 'complete')?.run_id;
      process.stdout.write(
        `${'RUN'.padEnd(32)} ${'STATUS'.padEnd(16)} ${'RECORDS'.padStart(9)} ${'GROUPS'.padStart(8)}  INPUT\n`,
      );
      for (const m of all) {
        const flagsText = [m.run_id === newest ? 'latest' : '', m.pinned ? 'pinned' : ''].filter(Boolean).join(',');
        process.stdout.write(
          `${m.run_id.padEnd(32)} ${effectiveStatus(m).padEnd(16)} ${String(m.counts.records ?? '').padStart(9)} ${String(m.counts.groups ?? '').padStart(8)}  ${m.input?.name ?? ''}${flagsText ? `  [${flagsText}]` : ''}\n`,
        );
      }
      // A damaged run is listed with the reason, so it can be restored or deleted (issue 12 item 9).
      for (const c of corrupt) process.stdout.write(`${c.run_id.padEnd(32)} ${'corrupt'.padEnd(16)} ${c.problem}\n`);
    });
  runs
    .command('show')
    .description('one run in words: input, counts, decisions, stages, warnings (--json: the manifest)')
    .argument('<id>')
    .option('--workspace <dir>', 'workspace folder')
    .option('--json', 'the whole manifest as JSON')
    .action(async (id: string, flags: WorkspaceFlags) => {
      const workspace = new Workspace(flags.workspace);
      const manifest = await workspace.readManifest(id);
      const status = effectiveStatus(manifest);
      if (flags.json === true) {
        process.stdout.write(`${JSON.stringify({ ...manifest, status }, null, 2)}\n`);
        return;
      }
      const newest = (await workspace.listRuns()).find((m) => m.status === 'complete')?.run_id;
      process.stdout.write(formatRunDetails(manifest, status, workspace.runDir(id), newest === id));
    });
  runs
    .command('delete')
    .description('delete runs (previews unless --yes; never the newest complete, a pinned or a live run)')
    .argument('<ids...>')
    .option('--workspace <dir>', 'workspace folder')
    .option('--yes', 'really delete')
    .action(async (ids: string[], flags: WorkspaceFlags) => {
      const workspace = new Workspace(flags.workspace);
      const { runs: all, corrupt } = await workspace.listRunFolders();
      const plan: { id: string; blocker: string | null; bytes: number }[] = [];
      for (const id of ids) {
        const run = all.find((m) => m.run_id === id);
        // A damaged run has no status to protect it: it may always be deleted.
        const damaged = corrupt.some((c) => c.run_id === id);
        if (run === undefined && !damaged) {
          throw new UsageError(`no run "${id}" in ${workspace.root}. See \`junction runs list\`.`);
        }
        const blocker = run === undefined ? null : deletionBlocker(run, all);
        plan.push({ id, blocker, bytes: await workspace.sizeOnDisk(id) });
      }
      for (const item of plan) {
        const size = `${(item.bytes / 1e6).toFixed(1)} MB`;
        if (item.blocker !== null) process.stdout.write(`keep   ${item.id} (${item.blocker})\n`);
        else if (flags.yes === true) {
          await deleteRunWithAudit(workspace, item.id, process.env.USER ?? 'unknown', 'cli');
          process.stdout.write(`deleted ${item.id} (${size})\n`);
        } else process.stdout.write(`would delete ${item.id} (${size})\n`);
      }
      if (flags.yes !== true && plan.some((p) => p.blocker === null))
        process.stdout.write('preview only: add --yes to delete.\n');
      if (plan.every((p) => p.blocker !== null)) process.exitCode = 1;
    });
  for (const [name, pinned] of [
    ['pin', true],
    ['unpin', false],
  ] as const) {
    runs
      .command(name)
      .description(pinned ? 'protect a run from deletion' : 'allow a run to be deleted again')
      .argument('<id>')
      .option('--workspace <dir>', 'workspace folder')
      .action(async (id: string, flags: WorkspaceFlags) => {
        const workspace = new Workspace(flags.workspace);
        const manifest = await workspace.readManifest(id);
        manifest.pinned = pinned;
        await writeFileAtomic(workspace.manifestPath(id), `${JSON.stringify(manifest, null, 2)}\n`);
        process.stdout.write(`${pinned ? 'pinned' : 'unpinned'} ${id}\n`);
      });
  }
}
