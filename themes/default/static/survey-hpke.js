/* HPKE (RFC 9180) for Candor's survey form: base mode, DHKEM(P-256, HKDF-SHA256),
 * HKDF-SHA256 and AES-128-GCM, over the browser's own WebCrypto and nothing else.
 *
 * The form (survey.js) seals each response to the survey's public key with `seal`, so only the
 * holder of the secret key can read it. `sealWith` and `deriveKeyPair` exist for the RFC's test
 * vector, which the test suite runs in Chromium against this very file. WebCrypto needs a secure
 * context: https://, http://localhost, or a file opened from disk; `isAvailable` says whether
 * this page has one.
 */
var CandorHpke = (function () {
  "use strict";

  var subtle = window.crypto && window.crypto.subtle;
  var encoder = new TextEncoder();
  var P256 = { name: "ECDH", namedCurve: "P-256" };
  /* The order of the P-256 group, for DeriveKeyPair's rejection sampling. */
  var ORDER = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
  var KEM_ID = 0x0010;
  var KDF_ID = 0x0001;
  var AEAD_ID = 0x0001;
  var N_SECRET = 32;
  var N_KEY = 16;
  var N_NONCE = 12;

  function concat() {
    var total = 0;
    var i;
    for (i = 0; i < arguments.length; i++) {
      total += arguments[i].length;
    }
    var out = new Uint8Array(total);
    var at = 0;
    for (i = 0; i < arguments.length; i++) {
      out.set(arguments[i], at);
      at += arguments[i].length;
    }
    return out;
  }

  function i2osp(value, length) {
    var out = new Uint8Array(length);
    for (var i = length - 1; i >= 0; i--) {
      out[i] = value & 0xff;
      value = value >>> 8;
    }
    return out;
  }

  function text(string) {
    return encoder.encode(string);
  }

  var KEM_SUITE = concat(text("KEM"), i2osp(KEM_ID, 2));
  var HPKE_SUITE = concat(text("HPKE"), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD_ID, 2));

  function hmac(key, data) {
    /* HMAC pads a short key with zeros, so HKDF's empty salt is 32 zero bytes. */
    var raw = key.length ? key : new Uint8Array(32);
    return subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]).then(function (k) {
      return subtle.sign("HMAC", k, data);
    }).then(function (mac) {
      return new Uint8Array(mac);
    });
  }

  function labeledExtract(suite, salt, label, ikm) {
    return hmac(salt, concat(text("HPKE-v1"), suite, text(label), ikm));
  }

  function labeledExpand(suite, prk, label, info, length) {
    var labeledInfo = concat(i2osp(length, 2), text("HPKE-v1"), suite, text(label), info);
    var out = new Uint8Array(0);
    var previous = new Uint8Array(0);
    function block(counter) {
      if (out.length >= length) {
        return Promise.resolve(out.slice(0, length));
      }
      return hmac(prk, concat(previous, labeledInfo, i2osp(counter, 1))).then(function (t) {
        previous = t;
        out = concat(out, t);
        return block(counter + 1);
      });
    }
    return block(1);
  }

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function base64(bytes) {
    var binary = "";
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary);
  }

  function fromBase64(string) {
    var binary = atob(string);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  /* A P-256 private key as PKCS #8 without its public half, which WebCrypto derives. */
  function pkcs8(scalar) {
    var head = [0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
      0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20];
    return concat(new Uint8Array(head), scalar);
  }

  /* A key pair object: the private CryptoKey and the public key's 65 uncompressed bytes. */
  function pairOf(privateKey) {
    return subtle.exportKey("jwk", privateKey).then(function (jwk) {
      var publicBytes = concat(new Uint8Array([4]), fromBase64Url(jwk.x), fromBase64Url(jwk.y));
      return { privateKey: privateKey, publicBytes: publicBytes };
    });
  }

  function fromBase64Url(string) {
    var padded = string.replace(/-/g, "+").replace(/_/g, "/");
    while (padded.length % 4) {
      padded += "=";
    }
    return fromBase64(padded);
  }

  /* RFC 9180 §7.1.3 DeriveKeyPair for P-256: deterministic, for test vectors. */
  function deriveKeyPair(ikm) {
    return labeledExtract(KEM_SUITE, new Uint8Array(0), "dkp_prk", ikm).then(function (prk) {
      function candidate(counter) {
        if (counter > 255) {
          return Promise.reject(new Error("DeriveKeyPairError"));
        }
        return labeledExpand(KEM_SUITE, prk, "candidate", i2osp(counter, 1), 32).then(function (bytes) {
          var value = hex(bytes);
          if (/^0+$/.test(value) || value >= ORDER) {
            return candidate(counter + 1);
          }
          return subtle.importKey("pkcs8", pkcs8(bytes), P256, true, ["deriveBits"]).then(pairOf);
        });
      }
      return candidate(0);
    });
  }

  function generateKeyPair() {
    return subtle.generateKey(P256, true, ["deriveBits"]).then(function (pair) {
      return pairOf(pair.privateKey);
    });
  }

  /* Encap with a given ephemeral pair (§4.1): the shared secret and enc. */
  function encap(recipientBytes, ephemeral) {
    return subtle.importKey("raw", recipientBytes, P256, false, []).then(function (recipient) {
      return subtle.deriveBits({ name: "ECDH", public: recipient }, ephemeral.privateKey, 256);
    }).then(function (dh) {
      var enc = ephemeral.publicBytes;
      var kemContext = concat(enc, recipientBytes);
      return labeledExtract(KEM_SUITE, new Uint8Array(0), "eae_prk", new Uint8Array(dh)).then(function (prk) {
        return labeledExpand(KEM_SUITE, prk, "shared_secret", kemContext, N_SECRET);
      }).then(function (sharedSecret) {
        return { sharedSecret: sharedSecret, enc: enc };
      });
    });
  }

  /* The base-mode key schedule (§5.1): key and base nonce. */
  function keySchedule(sharedSecret, info) {
    var empty = new Uint8Array(0);
    return Promise.all([
      labeledExtract(HPKE_SUITE, empty, "psk_id_hash", empty),
      labeledExtract(HPKE_SUITE, empty, "info_hash", info),
      labeledExtract(HPKE_SUITE, sharedSecret, "secret", empty)
    ]).then(function (parts) {
      var context = concat(new Uint8Array([0]), parts[0], parts[1]);
      return Promise.all([
        labeledExpand(HPKE_SUITE, parts[2], "key", context, N_KEY),
        labeledExpand(HPKE_SUITE, parts[2], "base_nonce", context, N_NONCE)
      ]);
    }).then(function (keys) {
      return { key: keys[0], baseNonce: keys[1] };
    });
  }

  /* Sets up a base-mode sender with `ephemeral` and seals each plaintext in turn (sequence
   * numbers 0, 1, …): the intermediate values too, for the test vectors. */
  function sealWith(recipientBytes, info, messages, ephemeral) {
    var result = {};
    return encap(recipientBytes, ephemeral).then(function (encapped) {
      result.enc = encapped.enc;
      result.sharedSecret = encapped.sharedSecret;
      return keySchedule(encapped.sharedSecret, info);
    }).then(function (schedule) {
      result.key = schedule.key;
      result.baseNonce = schedule.baseNonce;
      return subtle.importKey("raw", schedule.key, "AES-GCM", false, ["encrypt"]);
    }).then(function (aesKey) {
      return Promise.all(messages.map(function (message, sequence) {
        var nonce = result.baseNonce.slice();
        var seq = i2osp(sequence, N_NONCE);
        for (var i = 0; i < N_NONCE; i++) {
          nonce[i] ^= seq[i];
        }
        return subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: message.aad, tagLength: 128 }, aesKey, message.pt)
          .then(function (ct) { return new Uint8Array(ct); });
      }));
    }).then(function (ciphertexts) {
      result.ciphertexts = ciphertexts;
      return result;
    });
  }

  /* Seals `plaintext` (bytes) to the recipient's public key (65 bytes) with a fresh ephemeral
   * key; `info` is also the associated data. Resolves to { enc, ciphertext } as base64. */
  function seal(recipientBytes, info, plaintext) {
    return generateKeyPair().then(function (ephemeral) {
      return sealWith(recipientBytes, info, [{ pt: plaintext, aad: info }], ephemeral);
    }).then(function (sealed) {
      return { enc: base64(sealed.enc), ciphertext: base64(sealed.ciphertexts[0]) };
    });
  }

  function isAvailable() {
    return !!(subtle && window.isSecureContext !== false && typeof TextEncoder === "function");
  }

  return {
    isAvailable: isAvailable,
    seal: seal,
    sealWith: sealWith,
    deriveKeyPair: deriveKeyPair,
    base64: base64,
    fromBase64: fromBase64,
    hex: hex,
    text: text
  };
})();
