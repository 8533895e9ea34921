import { runCheckCycleJob, runRawLoopJob } from './jobs/checkCycleJob';
import { runFailedMessageQueryJob } from './jobs/failedMessageQueryJob';
import { workerJobSchema, type WorkerJob } from './jobs/jobSchemas';
import { runResendJob } from './jobs/resendJob';
import { runTimerFanOutJob } from './jobs/timerFanOutJob';
import { serveJob } from './support/serveJob';

/** Child process of `npm run bench` that runs one measured job in a fresh process and replies with its figures. */
function runJob(job: WorkerJob): Promise<unknown> {
  switch (job.kind) {
    case 'rawLoop':
      return runRawLoopJob(job);
    case 'checkCycle':
      return runCheckCycleJob(job);
    case 'timerFanOut':
      return runTimerFanOutJob(job);
    case 'failedMessageQuery':
      return runFailedMessageQueryJob(job);
    case 'resend':
      return runResendJob(job);
  }
}

serveJob(workerJobSchema, runJob);
