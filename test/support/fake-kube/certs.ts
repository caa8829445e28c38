import selfsigned from 'selfsigned';

export interface TestCertificate {
  /** PEM; also the CA the kubeconfig trusts (the certificate is self-signed). */
  readonly cert: string;
  readonly key: string;
}

let cached: TestCertificate | undefined;

/** A self-signed CA certificate valid for 127.0.0.1 (IP SAN), generated once per test file. */
export function testCertificate(): TestCertificate {
  if (cached) return cached;
  const pems = selfsigned.generate([{ name: 'commonName', value: 'fake-kube-apiserver' }], {
    days: 2,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  cached = { cert: pems.cert, key: pems.private };
  return cached;
}
