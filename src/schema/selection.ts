// Whether an operation asks for a nested field of the one being resolved, so that a resolver can
// leave out work whose result nobody reads (search's snippets). Read as graphql-js executes the
// operation: through aliases, fragments and @skip/@include with the operation's variables.
import { getNamedType, isObjectType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
// graphql-js' own field collection (marked internal, stable across v16), so that the answer is
// the executor's, not a second reading of the rules.
import { collectSubfields } from 'graphql/execution/collectFields.js';

/** Whether the selection of the field being resolved reaches `path` (field names, not aliases), e.g. ['edges', 'node', 'snippet']. */
export function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  let type = getNamedType(info.returnType);
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    if (!isObjectType(type)) return false;
    const fields = collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes);
    nodes = [...fields.values()].flat().filter((node) => node.name.value === name);
    const field = type.getFields()[name];
    if (!nodes.length || !field) return false;
    type = getNamedType(field.type);
  }
  return true;
}
