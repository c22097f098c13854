/** The version of @sidflow/render. */
export const VERSION = '0.0.0';
