/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The AWS SDK and pino stay as plain Node modules on the server.
  serverExternalPackages: ["pino"],
};

export default nextConfig;
