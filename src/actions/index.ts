import { account } from './account';
import { admin } from './admin';
import { auth } from './auth';
import { ce } from './ce';
import { evaluation } from './evaluation';
import { progress } from './progress';
import { quiz } from './quiz';
import { simulation } from './simulation';

export const server = { auth, account, admin, progress, quiz, simulation, evaluation, ce };
