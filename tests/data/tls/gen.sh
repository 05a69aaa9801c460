#!/usr/bin/env bash
# Regenerates the test PKI in this directory (see README.md). Needs OpenSSL 3.
# Validity runs from 2000-01-01 to 2125-01-01, so a machine whose clock is off by years still
# accepts the certificates.
set -euo pipefail
cd "$(dirname "$0")"
START=20000101000000Z
END=21250101000000Z
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# A minimal `openssl ca` setup: `openssl ca` is the one OpenSSL 3.0 command that sets a start date.
touch "$WORK/index.txt"
cat > "$WORK/ca.cnf" <<CNF
[ca]
default_ca = test_ca
[test_ca]
database = $WORK/index.txt
new_certs_dir = $WORK
rand_serial = yes
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
organizationName = optional
commonName = supplied
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

# make_ca NAME "CN": a self-signed P-256 CA in NAME.pem / NAME.key.
make_ca() {
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$1.key" -out "$WORK/$1.csr" -subj "/O=libimagekit tests/CN=$2"
  openssl ca -batch -config "$WORK/ca.cnf" -selfsign -keyfile "$1.key" \
    -in "$WORK/$1.csr" -out "$1.pem" -notext -extensions v3_ca \
    -startdate "$START" -enddate "$END"
}

# 1. The test CA (tests trust it through IK_TEST_CA_FILE).
make_ca ca "libimagekit test CA"

# 2. The server certificate for localhost and 127.0.0.1, signed by the test CA (PKCS#8 key).
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout server.key -out "$WORK/server.csr" -subj "/O=libimagekit tests/CN=localhost"
openssl ca -batch -config "$WORK/ca.cnf" -cert ca.pem -keyfile ca.key \
  -in "$WORK/server.csr" -out server.pem -notext -extensions v3_server \
  -startdate "$START" -enddate "$END"

# 3. An unrelated CA that signed nothing here (for "untrusted server" tests).
make_ca other-ca "unrelated test CA"

chmod 644 ./*.key ./*.pem
openssl verify -CAfile ca.pem server.pem
