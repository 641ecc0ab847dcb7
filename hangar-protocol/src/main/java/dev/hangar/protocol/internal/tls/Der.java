package dev.hangar.protocol.internal.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few DER operations needed to turn PKCS#1 and SEC1 private keys into PKCS#8: reading a
 * SEQUENCE's elements and writing tag-length-value triples. Not a general ASN.1 library.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  /** OID 1.2.840.113549.1.1.1 (rsaEncryption), encoded. */
  static final byte[] RSA_ENCRYPTION = {
      0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};

  /** OID 1.2.840.10045.2.1 (id-ecPublicKey), encoded. */
  static final byte[] EC_PUBLIC_KEY = {
      0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

  /** One element: its tag and its full encoding (tag, length and content). */
  record Element(int tag, byte[] encoded, int contentOffset) {
    byte[] content() {
      return Arrays.copyOfRange(encoded, contentOffset, encoded.length);
    }
  }

  private Der() {}

  /** The elements inside the SEQUENCE that {@code der} holds. */
  static List<Element> sequence(byte[] der) {
    Element outer = read(der, 0);
    if (outer.tag() != SEQUENCE) {
      throw new IllegalArgumentException("not a DER SEQUENCE");
    }
    byte[] content = outer.content();
    List<Element> out = new ArrayList<>();
    int pos = 0;
    while (pos < content.length) {
      Element e = read(content, pos);
      out.add(e);
      pos += e.encoded().length;
    }
    return out;
  }

  private static Element read(byte[] b, int pos) {
    if (pos + 2 > b.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    int tag = b[pos] & 0xff;
    int len = b[pos + 1] & 0xff;
    int header = 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 3 || pos + 2 + n > b.length) {
        throw new IllegalArgumentException("bad DER length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[pos + 2 + i] & 0xff);
      }
      header += n;
    }
    if (pos + header + len > b.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    return new Element(tag, Arrays.copyOfRange(b, pos, pos + header + len), header);
  }

  /** Encodes a tag-length-value triple. */
  static byte[] tlv(int tag, byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 6);
    out.write(tag);
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** PKCS#8 PrivateKeyInfo: version 0, the algorithm identifier, the key as an OCTET STRING. */
  static byte[] pkcs8(byte[] algorithmIdentifier, byte[] privateKey) {
    return tlv(SEQUENCE, new byte[] {INTEGER, 1, 0}, algorithmIdentifier,
        tlv(OCTET_STRING, privateKey));
  }
}
