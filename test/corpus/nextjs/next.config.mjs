import { readFileSync } from 'node:fs';

const legacyRedirects = [];
const table = JSON.parse(readFileSync(new URL('./redirects.json', import.meta.url), 'utf8'));
for (const [source, destination] of Object.entries(table)) {
  legacyRedirects.push({ source, destination, permanent: true });
}

const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  output: 'standalone',
  images: { remotePatterns: [{ protocol: 'https', hostname: 'cdn.example.test' }] },
  async redirects() {
    return legacyRedirects;
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
