import { TEST_DAYS_AHEAD } from '../clock.js';

/**
 * Now, as the service desk's clocks count it: the real instant, moved on by the test clock's days
 * (GONGZHI_TEST_DAYS_AHEAD, honoured only under NODE_ENV=test) so that a browser test can let a
 * working-day limit run out the way todayInChina() lets a notice's period run out.
 */
export const nowInstant = (): Date => new Date(Date.now() + TEST_DAYS_AHEAD * 86_400_000);
