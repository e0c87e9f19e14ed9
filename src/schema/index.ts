// Imports every domain module (each registers its types and fields) and builds the schema.
import { isObjectType } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './body.js';
import './location.js';
import './organization.js';
import './person.js';
import './membership.js';
import './paper.js';
import './meeting.js';
import './agenda-item.js';
import './file.js';
import './attendance.js';
import './vote.js';
import './assignment.js';
import './viewer.js';
import './live-meeting.js';
import './live-vote.js';
import './live-speakers.js';
import './speech.js';
import './meeting-events.js';
import './minutes.js';
import './search.js';
import './report.js';
import './file-upload.js';
import './calendar.js';

export const schema = builder.toSchema({ sortSchema: true });

// plugin-prisma adds `totalCount` to connections with no way to describe it.
for (const type of Object.values(schema.getTypeMap())) {
  const totalCount = isObjectType(type) && type.name.endsWith('Connection') ? type.getFields().totalCount : undefined;
  if (totalCount && !totalCount.description) totalCount.description = 'Number of all items of the list (every page) the viewer may see.';
}
