package io.github.secdns.examples.cli;

import io.github.secdns.core.export.AliasRecord;
import io.github.secdns.core.export.UrlRecord;
import io.github.secdns.core.export.VirtualRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.annotation.Nullable;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A streaming master-file parser (RFC 1035 section 5) that turns each record straight into its
 * uncompressed wire form, without a dnsjava {@code Record} or a {@code String} per field for the
 * common types (A, AAAA, NS, CNAME, PTR, DNAME, MX, SRV, TXT). Every other type, and any field the
 * fast path is not sure about, is handed to dnsjava's own parser ({@code Record.fromString}), so
 * the results are dnsjava's: the property test {@code ZoneFileParserPropertiesTest} compares both
 * on generated zone files. Directives: {@code $ORIGIN}, {@code $TTL}, {@code $GENERATE} (through
 * dnsjava's {@link Master}); {@code $INCLUDE} is refused.
 *
 * <p>One deliberate difference from dnsjava's {@link Master}: an owner name keeps the letter case
 * written on its line, where {@code Master} reuses the previous record's owner object (and its
 * case) when the names are equal ignoring case. secdns serves zones as written.
 *
 * <p>The platform's virtual records ({@code ALIAS} and {@code URL}) are recognised by their type
 * and handed to the sink as {@link VirtualRecord}s; each must name its owner and stand on one line.
 *
 * <p>The input is read in blocks of 1 MiB: memory does not grow with the file. Not thread-safe.
 */
final class ZoneFileParser {

  /** Where the parsed records go. */
  interface Sink {
    /** A standard record in uncompressed wire form ({@code wire[0..length)}, reused afterwards). */
    void record(byte[] wire, int length, int line) throws UsageException;

    /** An ALIAS or URL record. */
    void virtual(VirtualRecord record, int line) throws UsageException;

    /** Progress: octets of the input read so far and records handed over so far. */
    default void progress(long octets, long records) {}
  }

  /** The input block of a big (or unknown-size) file: read system calls of a megabyte. */
  private static final int BLOCK = 1 << 20;

  /**
   * The smallest input block: a small file is read whole in one call into a block its size (a zone
   * of 20 records is under a kilobyte: 10,000 of them must not allocate 8 KiB each).
   */
  private static final int MIN_BLOCK = 512;

  /** The text of one record's tokens to start with: it grows to the longest record. */
  private static final int TEXT = 4096;

  private static final int PROGRESS_EVERY = 1 << 14;

  private final InputStream in;
  private final String source;
  private Name origin;
  private byte[] originWire;
  private long defaultTtl;

  // Input block: sized to the file (a directory of 100,000 small zone files must not allocate and
  // zero a megabyte per file: that was most of the time `serve --zone-dir` spent reading them).
  private final byte[] block;
  private int position;
  private int limit;
  private long consumed;
  private int line = 1;
  private int parentheses;

  // Tokens of the current logical record.
  private byte[] text;
  private int textLength;
  private int[] tokenStart = new int[64];
  private int[] tokenEnd = new int[64];
  private boolean[] quoted = new boolean[64];
  private boolean[] escaped = new boolean[64];
  private int tokens;
  private boolean ownerBlank;
  private int recordLine;
  private boolean multiline;

  // The record being encoded.
  // Grows to the largest record met (every write goes through put/putU8); an owner, at most 255
  // octets, is copied in whole at position 0, so it starts above that.
  private byte[] wire = new byte[512];
  private int wireLength;
  @Nullable private byte[] lastOwner;
  private int lastOwnerLength;
  private long records;

  ZoneFileParser(InputStream in, String source, Name origin, long defaultTtl) {
    this(in, -1, source, origin, defaultTtl);
  }

  /**
   * A parser whose input block is sized for a file of {@code expectedSize} octets.
   *
   * @param expectedSize the file's size when known (a hint: a longer input is still read whole, in
   *     blocks of that size), or a negative number
   */
  ZoneFileParser(InputStream in, long expectedSize, String source, Name origin, long defaultTtl) {
    this.block =
        new byte
            [expectedSize < 0
                ? BLOCK
                : (int) Math.min(BLOCK, Math.max(MIN_BLOCK, expectedSize + 1))];
    // No record's tokens are longer than the file.
    this.text =
        new byte[expectedSize < 0 ? TEXT : (int) Math.min(TEXT, Math.max(64, expectedSize + 1))];
    this.in = in;
    this.source = source;
    this.origin = origin;
    this.originWire = origin.toWire();
    this.defaultTtl = defaultTtl;
  }

  /** Parses everything, handing each record to the sink in file order. */
  void parse(Sink sink) throws UsageException, IOException {
    if (startsWithByteOrderMark()) {
      // BIND says "unexpected end of input" and this lexer "no type": say what it is.
      throw error(
          1,
          "the file begins with a UTF-8 byte order mark (octets EF BB BF), which a master file"
              + " does not have: save it as plain text without one");
    }
    while (readRecord()) {
      if (tokens == 0) {
        continue;
      }
      if (!ownerBlank && text[tokenStart[0]] == '$' && !quoted[0]) {
        directive(sink);
        continue;
      }
      record(sink);
      if ((++records & (PROGRESS_EVERY - 1)) == 0) {
        sink.progress(consumed + position, records);
      }
    }
    sink.progress(consumed + position, records);
  }

  // ---------------------------------------------------------------------------------------------
  // Lexer: one logical record (a line, or several joined by parentheses) into tokens.

  private int next() throws IOException {
    if (position == limit) {
      consumed += limit;
      limit = in.read(block, 0, block.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    return block[position++] & 0xFF;
  }

  /** Reads the first octets ahead (the block is empty before the first {@link #next}). */
  private boolean startsWithByteOrderMark() throws IOException {
    while (limit < 3) {
      int n = in.read(block, limit, block.length - limit);
      if (n <= 0) {
        break;
      }
      limit += n;
    }
    return limit >= 3
        && (block[0] & 0xFF) == 0xEF
        && (block[1] & 0xFF) == 0xBB
        && (block[2] & 0xFF) == 0xBF;
  }

  private void unread() {
    position--;
  }

  /** Reads the next logical record's tokens; false at the end of the input. */
  private boolean readRecord() throws IOException, UsageException {
    tokens = 0;
    textLength = 0;
    multiline = false;
    recordLine = line;
    int c = next();
    if (c == -1) {
      return false;
    }
    ownerBlank = c == ' ' || c == '\t';
    unread();
    while (true) {
      c = next();
      if (c == -1) {
        if (parentheses > 0) {
          throw error(line, "end of file inside parentheses");
        }
        return true;
      }
      switch (c) {
        case ' ', '\t', '\r' -> {}
        case '\n' -> {
          line++;
          if (parentheses == 0) {
            return true;
          }
        }
        case ';' -> {
          while ((c = next()) != -1 && c != '\n') {
            // a comment
          }
          if (c == '\n') {
            unread();
          }
        }
        case '(' -> {
          parentheses++;
          multiline = true;
        }
        case ')' -> {
          if (parentheses == 0) {
            throw error(line, "invalid close parenthesis");
          }
          parentheses--;
        }
        case '"' -> readQuoted();
        default -> {
          unread();
          readWord();
        }
      }
    }
  }

  private void startToken(boolean isQuoted) {
    if (tokens == tokenStart.length) {
      tokenStart = Arrays.copyOf(tokenStart, tokens * 2);
      tokenEnd = Arrays.copyOf(tokenEnd, tokens * 2);
      quoted = Arrays.copyOf(quoted, tokens * 2);
      escaped = Arrays.copyOf(escaped, tokens * 2);
    }
    tokenStart[tokens] = textLength;
    quoted[tokens] = isQuoted;
    escaped[tokens] = false;
  }

  private void endToken() {
    tokenEnd[tokens] = textLength;
    tokens++;
  }

  private void put(int c) {
    if (textLength == text.length) {
      text = Arrays.copyOf(text, text.length * 2);
    }
    text[textLength++] = (byte) c;
  }

  private void readWord() throws IOException, UsageException {
    startToken(false);
    while (true) {
      int c = next();
      if (c == -1) {
        break;
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '(' || c == ')'
          || c == '"') {
        unread();
        break;
      }
      if (c == '\\') {
        c = escape();
        if (c == '\n') {
          line++;
        }
      }
      put(c);
    }
    endToken();
  }

  /** After a backslash: keeps it (dnsjava reads escapes later) and returns the escaped octet. */
  private int escape() throws IOException, UsageException {
    int e = next();
    if (e == -1) {
      throw error(line, "unterminated escape sequence");
    }
    escaped[tokens] = true;
    put('\\');
    return e;
  }

  private void readQuoted() throws IOException, UsageException {
    startToken(true);
    while (true) {
      int c = next();
      if (c == -1) {
        throw error(line, "EOF in quoted string");
      }
      if (c == '"') {
        break;
      }
      if (c == '\n') {
        throw error(line, "newline in quoted string");
      }
      if (c == '\\') {
        c = escape();
      }
      put(c);
    }
    endToken();
  }

  private String token(int i) {
    return new String(
        text, tokenStart[i], tokenEnd[i] - tokenStart[i], StandardCharsets.ISO_8859_1);
  }

  private int length(int i) {
    return tokenEnd[i] - tokenStart[i];
  }

  private boolean tokenIs(int i, String upper) {
    int n = length(i);
    if (n != upper.length()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      int c = text[tokenStart[i] + k];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != upper.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Directives.

  private void directive(Sink sink) throws UsageException {
    if (tokenIs(0, "$ORIGIN")) {
      expectTokens(2, "$ORIGIN needs one name");
      origin = name(token(1), Name.root);
      originWire = origin.toWire();
    } else if (tokenIs(0, "$TTL")) {
      expectTokens(2, "$TTL needs one TTL");
      try {
        defaultTtl = TTL.parseTTL(token(1));
      } catch (NumberFormatException e) {
        throw error(recordLine, "bad $TTL '" + token(1) + "'");
      }
    } else if (tokenIs(0, "$INCLUDE")) {
      throw error(recordLine, "$INCLUDE is not supported");
    } else if (tokenIs(0, "$GENERATE")) {
      generate(sink);
    } else {
      throw error(recordLine, "Invalid directive: " + token(0));
    }
  }

  private void expectTokens(int n, String message) throws UsageException {
    if (tokens != n || quoted[1]) {
      throw error(recordLine, message);
    }
  }

  /** {@code $GENERATE} is expanded by dnsjava's own {@link Master}, given the current state. */
  private void generate(Sink sink) throws UsageException {
    StringBuilder directive = new StringBuilder();
    directive.append("$ORIGIN ").append(origin).append('\n');
    directive.append("$TTL ").append(defaultTtl).append('\n');
    for (int i = 0; i < tokens; i++) {
      directive.append(i == 0 ? "" : " ").append(quoted[i] ? '"' + token(i) + '"' : token(i));
    }
    directive.append('\n');
    try (Master master =
        new Master(
            new ByteArrayInputStream(directive.toString().getBytes(StandardCharsets.ISO_8859_1)),
            origin,
            defaultTtl)) {
      Record r;
      while ((r = master.nextRecord()) != null) {
        byte[] generated = r.toWire(Section.ANSWER);
        sink.record(generated, generated.length, recordLine);
        records++;
      }
    } catch (IOException e) {
      throw error(recordLine, dnsjavaMessage(e));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Records.

  private void record(Sink sink) throws UsageException {
    int t = 0;
    wireLength = 0;
    if (ownerBlank) {
      if (lastOwner == null) {
        throw error(recordLine, "no owner");
      }
      System.arraycopy(lastOwner, 0, wire, 0, lastOwnerLength);
      wireLength = lastOwnerLength;
    } else {
      writeName(0);
      if (lastOwner == null || lastOwner.length < wireLength) {
        lastOwner = new byte[256];
      }
      System.arraycopy(wire, 0, lastOwner, 0, wireLength);
      lastOwnerLength = wireLength;
      t = 1;
    }
    int ownerLength = wireLength;
    // [class] [TTL] [class] type, as dnsjava's Master reads them.
    if (t >= tokens) {
      throw error(recordLine, "no type");
    }
    int dclass = dclass(t);
    boolean seenClass = dclass >= 0;
    if (seenClass) {
      t++;
    }
    long ttl = -1;
    if (t < tokens && !quoted[t] && isDigit(text[tokenStart[t]])) {
      ttl = ttl(t);
      if (ttl >= 0) {
        t++;
      }
    }
    if (ttl < 0) {
      ttl = defaultTtl;
    }
    if (!seenClass) {
      dclass = t < tokens ? dclass(t) : -1;
      if (dclass >= 0) {
        t++;
      } else {
        dclass = DClass.IN;
      }
    }
    if (t >= tokens) {
      throw error(recordLine, "no type");
    }
    int type = type(t);
    if (type < 0) {
      if (tokenIs(t, "ALIAS") || tokenIs(t, "URL")) {
        virtual(sink, t, ttl, dclass, ownerLength);
        return;
      }
      throw error(recordLine, "Invalid type '" + token(t) + "'");
    }
    t++;
    putU16(type);
    putU16(dclass);
    putU32(ttl);
    int rdLengthAt = wireLength;
    wireLength += 2;
    if (!fastRdata(type, t)) {
      wireLength = ownerLength;
      fallback(type, dclass, ttl, t, ownerLength);
    } else {
      int rdLength = wireLength - rdLengthAt - 2;
      wire[rdLengthAt] = (byte) (rdLength >> 8);
      wire[rdLengthAt + 1] = (byte) rdLength;
    }
    sink.record(wire, wireLength, recordLine);
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private int dclass(int t) {
    if (quoted[t]) {
      return -1;
    }
    if (tokenIs(t, "IN")) {
      return DClass.IN;
    }
    if (isDigit(text[tokenStart[t]])) {
      return -1;
    }
    return DClass.value(token(t));
  }

  /** The TTL of a token starting with a digit, or -1 when it is not one (as TTL.parseTTL says). */
  private long ttl(int t) {
    long value = 0;
    int n = length(t);
    if (n <= 9) {
      boolean digits = true;
      for (int k = 0; k < n && digits; k++) {
        byte c = text[tokenStart[t] + k];
        digits = isDigit(c);
        value = value * 10 + (c - '0');
      }
      if (digits) {
        return value;
      }
    }
    try {
      return TTL.parseTTL(token(t));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The types whose mnemonic is looked up without a String (the bulk of real zones). */
  private static final String[] COMMON_TYPES = {
    "A", "NS", "MX", "TXT", "SRV", "PTR", "CAA", "SOA", "AAAA", "CNAME", "DNAME"
  };

  private static final int[] COMMON_CODES = {
    Type.A,
    Type.NS,
    Type.MX,
    Type.TXT,
    Type.SRV,
    Type.PTR,
    Type.CAA,
    Type.SOA,
    Type.AAAA,
    Type.CNAME,
    Type.DNAME
  };

  private int type(int t) {
    if (quoted[t]) {
      return -1;
    }
    for (int i = 0; i < COMMON_TYPES.length; i++) {
      if (tokenIs(t, COMMON_TYPES[i])) {
        return COMMON_CODES[i];
      }
    }
    return Type.value(token(t));
  }

  /** Writes the RDATA of the common types; false when dnsjava should parse it instead. */
  private boolean fastRdata(int type, int t) throws UsageException {
    switch (type) {
      case Type.A -> {
        return tokens == t + 1 && !quoted[t] && ipv4(t);
      }
      case Type.AAAA -> {
        if (tokens != t + 1 || quoted[t] || escaped[t]) {
          return false;
        }
        if (ipv6(t)) {
          return true;
        }
        byte[] address = Address.toByteArray(token(t), Address.IPv6);
        if (address == null) {
          return false;
        }
        put(address);
        return true;
      }
      case Type.NS, Type.CNAME, Type.PTR, Type.DNAME -> {
        if (tokens != t + 1 || quoted[t] || escaped[t]) {
          return false;
        }
        writeName(t);
        return true;
      }
      case Type.SOA -> {
        // Every zone file has one: through dnsjava it cost a tokenizer (with an 8 KiB buffer) and
        // several strings per file, the most of all records in a directory of small zones.
        if (tokens != t + 7 || quoted[t] || escaped[t] || quoted[t + 1] || escaped[t + 1]) {
          return false;
        }
        for (int i = t + 2; i < t + 7; i++) {
          if (decimal(i) < 0) {
            return false; // units (1h), more digits: as dnsjava reads them
          }
        }
        writeName(t);
        writeName(t + 1);
        for (int i = t + 2; i < t + 7; i++) {
          putU32(decimal(i));
        }
        return true;
      }
      case Type.MX -> {
        if (tokens != t + 2 || !u16(t) || quoted[t + 1] || escaped[t + 1]) {
          return false;
        }
        writeName(t + 1);
        return true;
      }
      case Type.SRV -> {
        if (tokens != t + 4
            || !u16(t)
            || !u16(t + 1)
            || !u16(t + 2)
            || quoted[t + 3]
            || escaped[t + 3]) {
          return false;
        }
        writeName(t + 3);
        return true;
      }
      case Type.CAA -> {
        if (tokens != t + 3 || escaped[t + 1] || escaped[t + 2]) {
          return false;
        }
        int start = wireLength;
        if (!u16(t) || wire[wireLength - 2] != 0 || length(t + 1) > 255 || length(t + 2) > 255) {
          wireLength = start;
          return false;
        }
        // flags is one octet: drop the high octet u16 wrote
        wire[wireLength - 2] = wire[wireLength - 1];
        wireLength--;
        putU8(length(t + 1));
        put(text, tokenStart[t + 1], length(t + 1));
        put(text, tokenStart[t + 2], length(t + 2));
        return true;
      }
      case Type.TXT -> {
        if (tokens == t) {
          return false;
        }
        for (int i = t; i < tokens; i++) {
          int n = length(i);
          if (escaped[i] || n > 255) {
            return false;
          }
          putU8(n);
          put(text, tokenStart[i], n);
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private boolean ipv4(int t) {
    int start = wireLength;
    int k = tokenStart[t];
    int end = tokenEnd[t];
    for (int part = 0; part < 4; part++) {
      int digits = 0;
      int value = 0;
      while (k < end && isDigit(text[k])) {
        value = value * 10 + (text[k] - '0');
        digits++;
        k++;
      }
      if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text[k - digits] == '0')) {
        wireLength = start;
        return false;
      }
      putU8(value);
      if (part < 3) {
        if (k >= end || text[k] != '.') {
          wireLength = start;
          return false;
        }
        k++;
      }
    }
    if (k != end) {
      wireLength = start;
      return false;
    }
    return true;
  }

  /**
   * An IPv6 address in the usual form (hexadecimal groups, at most one "::", no embedded IPv4 and
   * no zone), written as 16 octets; false for anything else (dnsjava parses those).
   */
  private boolean ipv6(int t) {
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int k = tokenStart[t];
    int end = tokenEnd[t];
    if (end - k >= 2 && text[k] == ':' && text[k + 1] == ':') {
      gap = 0;
      k += 2;
    }
    while (k < end) {
      int value = 0;
      int digits = 0;
      while (k < end && digits < 5) {
        int d = Character.digit(text[k], 16);
        if (d < 0) {
          break;
        }
        value = value * 16 + d;
        digits++;
        k++;
      }
      if (digits == 0 || digits > 4 || count == 8) {
        return false;
      }
      groups[count++] = value;
      if (k == end) {
        break;
      }
      if (text[k] != ':') {
        return false;
      }
      k++;
      if (k < end && text[k] == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = count;
        k++;
      } else if (k == end) {
        return false;
      }
    }
    if (gap < 0 ? count != 8 : count > 7) {
      return false;
    }
    int zeros = 8 - count;
    for (int g = 0; g < count; g++) {
      if (g == gap) {
        for (int z = 0; z < zeros; z++) {
          putU16(0);
        }
      }
      putU16(groups[g]);
    }
    if (gap == count) {
      for (int z = 0; z < zeros; z++) {
        putU16(0);
      }
    }
    return true;
  }

  /**
   * The value of a token of one to nine decimal digits (what a 32-bit field of dnsjava's, serial or
   * TTL-like, reads the same way), or -1 for anything else.
   */
  private long decimal(int t) {
    int n = length(t);
    if (quoted[t] || n == 0 || n > 9) {
      return -1;
    }
    long value = 0;
    for (int k = tokenStart[t]; k < tokenEnd[t]; k++) {
      if (!isDigit(text[k])) {
        return -1;
      }
      value = value * 10 + (text[k] - '0');
    }
    return value;
  }

  private boolean u16(int t) {
    if (quoted[t]) {
      return false;
    }
    int n = length(t);
    if (n == 0 || n > 5) {
      return false;
    }
    int value = 0;
    for (int k = tokenStart[t]; k < tokenEnd[t]; k++) {
      if (!isDigit(text[k])) {
        return false;
      }
      value = value * 10 + (text[k] - '0');
    }
    if (value > 0xFFFF) {
      return false;
    }
    putU16(value);
    return true;
  }

  /** dnsjava parses the RDATA from the tokens, as its Master would. */
  private void fallback(int type, int dclass, long ttl, int t, int ownerLength)
      throws UsageException {
    StringBuilder rdata = new StringBuilder();
    for (int i = t; i < tokens; i++) {
      if (i > t) {
        rdata.append(' ');
      }
      if (quoted[i]) {
        rdata.append('"').append(token(i)).append('"');
      } else {
        rdata.append(token(i));
      }
    }
    Record r;
    try {
      Name owner = new Name(Arrays.copyOf(wire, ownerLength));
      r = Record.fromString(owner, type, dclass, ttl, rdata.toString(), origin);
    } catch (IOException | IllegalArgumentException e) {
      throw error(recordLine, dnsjavaMessage(e));
    }
    byte[] encoded = r.toWire(Section.ANSWER);
    wireLength = 0;
    put(encoded);
  }

  private void virtual(Sink sink, int t, long ttl, int dclass, int ownerLength)
      throws UsageException {
    String type = token(t).toUpperCase(Locale.ROOT);
    if (dclass != DClass.IN) {
      throw error(recordLine, "an " + type + " record is of class IN");
    }
    if (ownerBlank) {
      throw error(
          recordLine, "an " + type + " record needs its owner name on the same line as its value");
    }
    if (multiline) {
      throw error(recordLine, "an " + type + " record stands on one line, without parentheses");
    }
    if (tokens != t + 2) {
      throw error(
          recordLine,
          type
              + " needs exactly one value: "
              + (type.equals("ALIAS") ? "the target host name" : "the destination URL"));
    }
    Name owner;
    try {
      owner = new Name(Arrays.copyOf(wire, ownerLength));
    } catch (IOException e) {
      throw error(recordLine, "bad owner name");
    }
    try {
      if (type.equals("ALIAS")) {
        sink.virtual(new AliasRecord(owner, ttl, name(token(t + 1), origin)), recordLine);
      } else {
        sink.virtual(new UrlRecord(owner, ttl, token(t + 1)), recordLine);
      }
    } catch (IllegalArgumentException e) {
      throw error(
          recordLine, java.util.Objects.requireNonNullElse(e.getMessage(), "invalid record data"));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Names and octets.

  /** Writes token {@code t} as an uncompressed absolute name, relative to the current origin. */
  private void writeName(int t) throws UsageException {
    int start = tokenStart[t];
    int end = tokenEnd[t];
    if (escaped[t] || quoted[t]) {
      put(name(token(t), origin).toWire());
      return;
    }
    if (end - start == 1 && text[start] == '@') {
      put(originWire);
      return;
    }
    if (end - start == 1 && text[start] == '.') {
      putU8(0);
      return;
    }
    int nameStart = wireLength;
    int k = start;
    boolean absolute = false;
    while (k < end) {
      int dot = k;
      while (dot < end && text[dot] != '.') {
        dot++;
      }
      int label = dot - k;
      if (label == 0 || label > 63) {
        wireLength = nameStart;
        // dnsjava says what is wrong with it
        put(name(token(t), origin).toWire());
        return;
      }
      putU8(label);
      put(text, k, label);
      k = dot + 1;
      if (dot == end - 1) {
        absolute = true;
        break;
      }
    }
    if (absolute) {
      putU8(0);
    } else {
      put(originWire);
    }
    if (wireLength - nameStart > 255) {
      wireLength = nameStart;
      put(name(token(t), origin).toWire());
    }
  }

  private Name name(String text, Name relativeTo) throws UsageException {
    try {
      return Name.fromString(text, relativeTo);
    } catch (TextParseException e) {
      throw error(recordLine, "'" + text + "' is not a DNS name (" + e.getMessage() + ")");
    }
  }

  private void put(byte[] bytes) {
    put(bytes, 0, bytes.length);
  }

  private void put(byte[] bytes, int offset, int length) {
    if (wireLength + length > wire.length) {
      wire = Arrays.copyOf(wire, Math.max(wire.length * 2, wireLength + length));
    }
    System.arraycopy(bytes, offset, wire, wireLength, length);
    wireLength += length;
  }

  private void putU8(int value) {
    if (wireLength == wire.length) {
      wire = Arrays.copyOf(wire, wire.length * 2);
    }
    wire[wireLength++] = (byte) value;
  }

  private void putU16(int value) {
    putU8(value >> 8);
    putU8(value);
  }

  private void putU32(long value) {
    putU16((int) (value >> 16) & 0xFFFF);
    putU16((int) value & 0xFFFF);
  }

  private UsageException error(int where, String message) {
    return new UsageException(source + ":" + where + ": " + message);
  }

  /** dnsjava's message without its own "file:line: " prefix (the file is a string to it). */
  private static String dnsjavaMessage(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.replaceFirst("^<none>:\\d+: ", "");
  }
}
