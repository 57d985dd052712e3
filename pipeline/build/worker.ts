/**
 * Worker thread for parallel builds: receives MeetingTasks one at a time, answers with
 * MeetingResults. Fonts, templates and district profiles stay loaded between tasks.
 */
import { parentPort } from 'node:worker_threads';
import { buildMeeting, newBuilderState, type MeetingTask } from './meeting.js';

const state = newBuilderState();

parentPort?.on('message', (task: MeetingTask) => {
  void buildMeeting(task, state).then((result) => parentPort?.postMessage(result));
});
