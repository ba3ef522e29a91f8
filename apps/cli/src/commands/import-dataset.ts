import { userInfo } from 'node:os';
import cliProgress from 'cli-progress';
import { Argument, Option, type Command } from 'commander';
import { isCalendarDate, type ExternalDataset, type ImportSummary } from '#domain';
import { runImport } from '#tracker';
import { withProjectionsContext } from './projections-context.js';

/** The summary an import ends with, and each rejected row with its line and reason. */
export function describeImport(summary: ImportSummary): string {
  const lines = [
    `read ${summary.read}, new ${summary.new}, amended ${summary.amended}, unchanged ${summary.unchanged}, ` +
      `retracted ${summary.retracted}, rejected ${summary.rejected}`,
    ...(summary.provisionalActors.length ? [`provisional actors created: ${summary.provisionalActors.join(', ')}`] : []),
    ...summary.rejections.map(({ line, reason }) => `line ${line}: ${reason}`),
  ];
  return lines.join('\n');
}

export function registerImportDataset(program: Command): void {
  program
    .command('import')
    .description('Import an ACLED export or UCDP GED CSV: new rows are reported, changed rows amended, unchanged rows left alone')
    .addArgument(new Argument('<dataset>', 'acled or ucdp').choices(['acled', 'ucdp']))
    .argument('<file>', 'the CSV file')
    .option('--retract-missing', 'retract the incidents of this dataset that the file no longer has')
    .option('--user <name>', 'who imports, as kept in every event', userInfo().username)
    .addOption(new Option('--release <version>', 'UCDP: the release, e.g. 25.1'))
    .addOption(new Option('--published <date>', 'UCDP: the day the release was published (YYYY-MM-DD); its rows are recorded then'))
    .option('--no-progress', 'no progress bar')
    .action(async (dataset: ExternalDataset, file: string, options: { retractMissing?: boolean; user: string; release?: string; published?: string; progress: boolean }) => {
      let release: { version: string; publishedAt: Date } | undefined;
      if (dataset === 'ucdp') {
        if (!options.release || !isCalendarDate(options.published)) throw new Error('a UCDP import needs --release (e.g. 25.1) and --published YYYY-MM-DD');
        release = { version: options.release, publishedAt: new Date(`${options.published}T00:00:00Z`) };
      }
      const bar = new cliProgress.SingleBar(
        { format: 'importing |{bar}| {percentage}% | {read} rows | {rate} rows/s | ETA {eta_formatted}', hideCursor: true, fps: 5 },
        cliProgress.Presets.shades_classic,
      );
      const started = Date.now();
      if (options.progress) bar.start(1, 0, { read: 0, rate: 0 });
      const summary = await withProjectionsContext(({ store, readModels }) =>
        runImport(store, readModels, {
          dataset,
          file,
          userId: options.user,
          retractMissing: options.retractMissing,
          release,
          onProgress: ({ bytesRead, totalBytes, summary: { read } }) => {
            if (!options.progress) return;
            bar.setTotal(Math.max(1, totalBytes));
            bar.update(bytesRead, { read, rate: Math.round(read / Math.max(0.001, (Date.now() - started) / 1000)) });
          },
        }),
      );
      if (options.progress) bar.stop();
      console.log(describeImport(summary));
      console.log(`file sha256 ${summary.sha256}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
}
