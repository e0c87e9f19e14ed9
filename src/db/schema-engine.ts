// Prisma's schema engine as WebAssembly, so that migration SQL can be computed with no native
// binary (see ../shared/notes/prisma-offline.md). Used by scripts/migrate-create.ts and the drift test.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { schemaPath } from './paths.js';

const require = createRequire(import.meta.url);

type Engine = import('@prisma/schema-engine-wasm/schema_engine_bg').SchemaEngine;
let bindings: Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> | undefined;

function loadBindings() {
  // The package's main entry imports a .wasm module, which Node 20 cannot; instantiate it by hand.
  bindings ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const module = new WebAssembly.Module(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return bindings;
}

/** SQL that brings the database behind `pglite` to the datamodel of prisma/schema.prisma. */
export async function diffDatabaseToSchema(pglite: PGlite): Promise<string> {
  const bg = await loadBindings();
  const content = await readFile(schemaPath, 'utf8');
  const files = [{ path: 'schema.prisma', content }];
  const adapter = bindMigrationAwareSqlAdapterFactory(
    new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory,
  );
  const engine: Engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', content]] }, () => undefined, adapter);
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: '.' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return normalize(result.stdout ?? '');
  } finally {
    engine.free();
  }
}

/** The engine answers an empty diff with a comment line only. */
function normalize(script: string): string {
  const meaningful = script.split('\n').some((line) => line.trim() && !line.trim().startsWith('--'));
  return meaningful ? script : '';
}
