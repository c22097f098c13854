/** The version of @sidflow/ultimate64. */
export const VERSION = '0.0.0';
