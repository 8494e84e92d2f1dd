/** The instant the test seed and most tests act at: a Friday in Beijing (Asia/Shanghai). */
export const SEED_INSTANT = new Date('2026-11-20T02:00:00.000Z');
