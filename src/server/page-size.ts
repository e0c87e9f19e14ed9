// `first`/`last` of every connection: a negative value or more than MAX_PAGE_SIZE is refused
// with BAD_USER_INPUT before execution, instead of being silently clamped.
import { valueFromASTUntyped, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../schema/builder.js';

function checkPageSizes(document: DocumentNode, variables: Record<string, unknown> | undefined) {
  visit(document, {
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
