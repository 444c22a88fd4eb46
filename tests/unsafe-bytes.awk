# unsafe-bytes.awk: read `od -An -v -tx1` output and print where the first
# character a terminal must not see is ("byte offset N: why"), nothing
# when the bytes are clean: C0 controls but newline (and tab or ESC when
# `allow` says "tab" or "esc"), DEL, C1 controls, bidi controls, U+FEFF,
# invalid UTF-8. Shared by golden.sh and screen.sh.
function bad(why) {
	if (!found)
		printf "byte offset %d: %s\n", off, why
	found = 1
}
function check(c) {
	if ((c < 32 && c != 10 && !(c == 9 && allow ~ /tab/) &&
	     !(c == 27 && allow ~ /esc/)) || c == 127)
		bad(sprintf("control character U+%04X", c))
	else if (c >= 128 && c < 160)
		bad(sprintf("C1 control U+%04X", c))
	else if (c == 1564 || c == 8206 || c == 8207 ||
	    (c >= 8234 && c <= 8238) || (c >= 8294 && c <= 8297))
		bad(sprintf("bidi control U+%04X", c))
	else if (c == 65279)
		bad("U+FEFF")
}
function byte(b) {
	if (need) {
		if (b >= 128 && b < 192) {
			cp = cp * 64 + b - 128
			if (--need == 0)
				check(cp)
			return
		}
		bad("invalid UTF-8")
		need = 0
	}
	if (b < 128)
		check(b)
	else if (b >= 194 && b < 224) {
		cp = b - 192; need = 1
	} else if (b >= 224 && b < 240) {
		cp = b - 224; need = 2
	} else if (b >= 240 && b < 245) {
		cp = b - 240; need = 3
	} else
		bad("invalid UTF-8")
}
BEGIN {
	for (i = 0; i < 256; i++)
		val[sprintf("%02x", i)] = i
	off = 0
}
{
	for (f = 1; f <= NF; f++) {
		byte(val[$f])
		off++
	}
}
END {
	if (need)
		bad("truncated UTF-8")
}
