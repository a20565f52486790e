// @ts-check

const seenRedirects = new Set();
globalThis.__buildStartedAt = Date.now();

const legacyRoutes = [
  ['/shop/:slug', '/products/:slug'],
  ['/shop/:slug/reviews', '/products/:slug#reviews'],
  ['/account/orders', '/orders'],
  ['/shop/:slug', '/products/:slug'],
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: { remotePatterns: [{ protocol: 'https', hostname: 'cdn.shop.example.test' }] },

  async redirects() {
    return legacyRoutes
      .filter(([source]) => {
        if (seenRedirects.has(source)) return false;
        seenRedirects.add(source);
        return true;
      })
      .map(([source, destination]) => ({ source, destination, permanent: true }));
  },

  webpack(config, { isServer }) {
    if (!isServer) {
      config.resolve.fallback = { ...config.resolve.fallback, fs: false };
    }
    return config;
  },
};

export default nextConfig;
