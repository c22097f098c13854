import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'SIDFlow player',
  description: 'Play Commodore 64 SID music in the browser with the SIDFlow engine.',
};

/** The page shell. System fonts only: `next/font/google` would need the network at build time. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
