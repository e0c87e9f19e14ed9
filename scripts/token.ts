// Prints a development token: npm run token -- --person <Person ID> --role clerk [--role member] [--expires 12h]
// A meeting-room display that shows a closed session: npm run token -- --organization <Organization ID>
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { ROLES, signDevelopmentToken, type Role } from '../src/auth/token.js';

const { values } = parseArgs({
  options: {
    person: { type: 'string' },
    role: { type: 'string', multiple: true },
    organization: { type: 'string', multiple: true },
    expires: { type: 'string' },
  },
});
const roles = (values.role ?? []) as Role[];
const unknown = roles.filter((role) => !ROLES.includes(role));
const secret = loadConfig().jwt.secret;
if (unknown.length || !secret) {
  console.error(unknown.length ? `Unknown role: ${unknown.join(', ')} (known: ${ROLES.join(', ')})` : 'JWT_JWKS_URL is set: tokens come from the identity provider.');
  process.exit(2);
}
console.log(await signDevelopmentToken(secret, { sub: values.person, roles, organizations: values.organization, expiresIn: values.expires }));
