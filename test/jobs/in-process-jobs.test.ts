import { describeJobsContract } from './contract.js';
import { createInProcessJobs } from '../../src/jobs/in-process-jobs.js';

describeJobsContract('in-process', async () => createInProcessJobs({ onError: () => {} }));
