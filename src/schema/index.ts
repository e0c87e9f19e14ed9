// Imports every domain module (each registers its types and fields) and builds the schema.
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
import './meeting-events.js';
import './minutes.js';
import './search.js';
import './report.js';
import './file-upload.js';

export const schema = builder.toSchema({ sortSchema: true });
