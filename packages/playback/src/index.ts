/** The version of @sidflow/playback. */
export const VERSION = '0.0.0';
