/** SID chip revision: the original NMOS 6581 or the HMOS-II 8580 (R5). */
export type SidModel = '6581' | '8580';
