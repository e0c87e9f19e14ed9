// `first`/`last` of every connection and the IDs of `nodes`: a negative value or more than
// MAX_PAGE_SIZE is refused with BAD_USER_INPUT before execution, instead of being silently clamped.
import { valueFromASTUntyped, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../schema/builder.js';

function checkPageSizes(document: DocumentNode, variables: Record<string, unknown> | undefined) {
  visit(document, {
    Field(node) {
      if (node.name.value !== 'nodes') return;
      const ids = node.arguments?.find((argument) => argument.name.value === 'ids');
      const value = ids && valueFromASTUntyped(ids.value, variables ?? {});
      if (Array.isArray(value) && value.length > MAX_PAGE_SIZE) throw badInput(`nodes takes at most ${MAX_PAGE_SIZE} IDs.`, 'ids');
    },
    Argument(node) {
      if (node.name.value !== 'first' && node.name.value !== 'last') return;
      const value = valueFromASTUntyped(node.value, variables ?? {});
      if (typeof value !== 'number') return;
      if (value < 0) throw badInput(`${node.name.value} must not be negative.`, node.name.value);
      if (value > MAX_PAGE_SIZE) throw badInput(`${node.name.value} must not be more than ${MAX_PAGE_SIZE}.`, node.name.value);
    },
  });
}

export const pageSizeLimit: Plugin = {
  onExecute({ args }) {
    checkPageSizes(args.document, args.variableValues ?? undefined);
  },
  onSubscribe({ args }) {
    checkPageSizes(args.document, args.variableValues ?? undefined);
  },
};
