export * from './lib/wazuh-indexer';
