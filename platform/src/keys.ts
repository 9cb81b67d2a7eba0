import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDirectory } from './config';

/** jose 6 is an ES module; CommonJS code loads it once, on first use. */
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- an ES module's type, from CommonJS
let jose: Promise<typeof import('jose')> | undefined;
export const loadJose = () => (jose ??= import('jose'));

/**
 * Development keys live in `keys/` of the data directory (GNBV_DATA_DIR, default `.data`, git-ignored):
 * the local token issuer, the gateway's internal signing key and the labor registry's attestation
 * key. Production deployments name their own key files instead.
 */
export const devKeyDir = (env?: Record<string, string | undefined>) => join(dataDirectory(env), 'keys');

export const devKeyFiles = (dir = devKeyDir()) => ({
  issuerPrivate: join(dir, 'dev-issuer.key.pem'),
  issuerPublic: join(dir, 'dev-issuer.pub.pem'),
  internalPrivate: join(dir, 'gateway-internal.key.pem'),
  internalPublic: join(dir, 'gateway-internal.pub.pem'),
  registryPrivate: join(dir, 'labor-registry.key.pem'),
  registryPublic: join(dir, 'labor-registry.pub.pem'),
});

/** The `iss` of tokens made by `npm run token` with the development key. Never accepted in production. */
export const DEV_ISSUER = 'urn:gnbv:dev-issuer';

/** The kid of development tokens: the RFC 7638 thumbprint of the issuer's public key. */
export async function keyThumbprint(publicKey: KeyObject): Promise<string> {
  const jose = await loadJose();
  return jose.calculateJwkThumbprint(await jose.exportJWK(publicKey));
}

/** Creates an Ed25519 key pair as PEM files unless the private key already exists. */
export function ensureKeyPair(privateFile: string, publicFile: string): void {
  if (existsSync(privateFile) && existsSync(publicFile)) return;
  mkdirSync(dirname(privateFile), { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  chmodSync(privateFile, 0o600);
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
}

/** Creates the development key pairs (issuer, gateway-internal, labor's registry attestations) if missing. */
export function ensureDevKeys(dir = devKeyDir()) {
  const files = devKeyFiles(dir);
  ensureKeyPair(files.issuerPrivate, files.issuerPublic);
  ensureKeyPair(files.internalPrivate, files.internalPublic);
  ensureKeyPair(files.registryPrivate, files.registryPublic);
  return files;
}

function readKeyFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** A private key from a PEM (PKCS#8) file. */
export const readPrivateKey = (file: string): KeyObject => createPrivateKey(readKeyFile(file, 'private key file'));

/** A public key from a PEM (SPKI) file, or the public half of a private key file. */
export const readPublicKey = (file: string): KeyObject => createPublicKey(readKeyFile(file, 'public key file'));
