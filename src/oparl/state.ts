// The importer's state, kept in a JSON file next to the data: where each list of an unfinished run
// stands (so an interrupted import continues there) and when the last complete run started (so the
// next run asks only for what changed since, with modified_since).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ImportState {
  source: string;
  /** Start of the run in progress; undefined when none is. */
  runStartedAt?: string;
  /** The modified_since of the run in progress (kept, so that a resumed run asks the same). */
  runSince?: string;
  /** Next page URL per list of the run in progress; "done" when the list is finished. */
  lists: Record<string, string>;
  /** Start of the last complete run. */
  lastCompleteRun?: string;
}

export class StateFile {
  constructor(readonly file: string) {}

  async load(source: string): Promise<ImportState> {
    try {
      const state = JSON.parse(await readFile(this.file, 'utf8')) as ImportState;
      if (state.source === source) return state;
    } catch {
      // no state yet
    }
    return { source, lists: {} };
  }

  /** Written to a temporary file and renamed, so that a crash never leaves half a state. */
  async save(state: ImportState) {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, JSON.stringify(state, null, 2));
    await rename(temporary, this.file);
  }
}
