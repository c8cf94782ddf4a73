/** Problem types of email notifications. */
import { defineProblems } from '@tenantry/service';

export const EMAIL_PROBLEMS = defineProblems({
  'notification-type-not-found': { status: 404, title: 'No such notification type' },
  'invalid-unsubscribe-token': { status: 400, title: 'The unsubscribe link is not valid' },
});
