import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() + forbidden.tsx: a refused page is a 403 with its own UI. A thrown error would reach
  // error.tsx with its name stripped in production builds, reading "could not be loaded".
  experimental: { authInterrupts: true },
  // Security headers (CSP with a per-request nonce) are set in proxy.ts, at run time, because
  // they depend on the configured GitHub origin.
};

export default nextConfig;
