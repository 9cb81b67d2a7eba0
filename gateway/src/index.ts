export { defaultSupergraphPath, loadConfig, type GatewayConfig } from './config';
export { createGateway, supergraphSubgraphs, type GatewayServer } from './server';
