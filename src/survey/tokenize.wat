;; The CSV tokenizer (cell-table.ts) for text of one byte a character (UTF-8 read as Latin-1): records
;; split at line feeds and cells at commas, sixteen bytes at a time (the runtime's own search for the
;; next comma, called per cell, cost more than the cells' bytes), with quoted cells that hold no line
;; break. A record with any other quote is left to the JavaScript tokenizer, which reads it and calls
;; back here after it.
;; Compiled to tokenize.wasm by the build (assemble-wasm.ts); wasm-tokenizer.ts says what each export means.
(module
  ;; Made at its full size (wasm-tokenizer.ts: a text of 256 KiB and its arrays): never grown.
  (memory (export "memory") 69)
  ;; Where the text and the four arrays of 32-bit integers lie in memory (set once by `layout`).
  (global $cellStartAt (mut i32) (i32.const 0))
  (global $cellEndAt (mut i32) (i32.const 0))
  (global $rowStartAt (mut i32) (i32.const 0))
  (global $linesAt (mut i32) (i32.const 0))
  ;; The cells whose quotes are doubled inside (the caller undoes the doubling), up to ESCAPED_ROOM.
  (global $escapedAt (mut i32) (i32.const 0))
  ;; The state after a call: records and cells in the arrays, text consumed (whole records), the line
  ;; after them, whether `maxRows` stopped the split, and where a record with a quote starts (and its line).
  (global $rows (export "rows") (mut i32) (i32.const 0))
  (global $cells (export "cells") (mut i32) (i32.const 0))
  (global $consumed (export "consumed") (mut i32) (i32.const 0))
  (global $nextLine (export "nextLine") (mut i32) (i32.const 0))
  (global $limited (export "limited") (mut i32) (i32.const 0))
  (global $quotedAt (export "quotedAt") (mut i32) (i32.const 0))
  (global $escaped (export "escaped") (mut i32) (i32.const 0))

  (func (export "layout") (param $cellStart i32) (param $cellEnd i32) (param $rowStart i32) (param $lines i32) (param $escapedCells i32)
    (global.set $escapedAt (local.get $escapedCells))
    (global.set $cellStartAt (local.get $cellStart))
    (global.set $cellEndAt (local.get $cellEnd))
    (global.set $rowStartAt (local.get $rowStart))
    (global.set $linesAt (local.get $lines)))

  ;; Splits text[$from, $n) (starting at a record) into records and cells, after $rows records and
  ;; $cells cells already in the arrays; $line is the line at $from. Returns 0 when done (the text ran
  ;; out, or `maxRows` records were read), or 1 at a record with a quote it leaves: that record starts at
  ;; `quotedAt`, on line `nextLine`, after `rows` records and `cells` cells. Cells with a doubled quote
  ;; are listed at $escapedAt (`escaped` of them, counted on from what the caller set). Completely
  ;; empty lines (a carriage return at most) are skipped but counted; a record's last cell ends before a
  ;; carriage return before its line feed; without `final`, text after the last line feed is left unread.
  (func (export "tokenize") (param $n i32) (param $from i32) (param $line i32) (param $rows i32) (param $cells i32) (param $final i32) (param $maxRows i32) (result i32)
    (local $p i32) (local $mask i32) (local $at i32) (local $byte i32) (local $recordStart i32) (local $cellStart i32)
    (local $before i32) (local $end i32) (local $close i32) (local $quotedEnd i32) (local $doubled i32)
    (local $quotedDoubled i32) (local $escapedBefore i32) (local $v v128)
    (local.set $escapedBefore (global.get $escaped))
    (local.set $quotedEnd (i32.const -1))
    (global.set $limited (i32.const 0))
    (global.set $consumed (local.get $from))
    (global.set $nextLine (local.get $line))
    (local.set $recordStart (local.get $from))
    (local.set $cellStart (local.get $from))
    (local.set $before (local.get $cells))
    (local.set $p (local.get $from))
    (block $done
      (if (i32.and (i32.ge_u (local.get $rows) (local.get $maxRows)) (i32.lt_u (local.get $from) (local.get $n)))
        (then (global.set $limited (i32.const 1)) (br $done)))
      (block $scanned
      (loop $vector
        (br_if $scanned (i32.ge_u (local.get $p) (local.get $n)))
        ;; A bit for each comma, line feed and quote among the next sixteen bytes.
        (local.set $v (v128.load (local.get $p)))
        (local.set $mask (i8x16.bitmask (v128.or (v128.or
          (i8x16.eq (local.get $v) (i8x16.splat (i32.const 44)))
          (i8x16.eq (local.get $v) (i8x16.splat (i32.const 10))))
          (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34))))))
        ;; Bytes past the end of the text are not part of it.
        (if (i32.lt_u (i32.sub (local.get $n) (local.get $p)) (i32.const 16))
          (then (local.set $mask (i32.and (local.get $mask)
            (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $n) (local.get $p))) (i32.const 1))))))
        (block $vectorDone
          (loop $event
            (br_if $vectorDone (i32.eqz (local.get $mask)))
            (local.set $at (i32.add (local.get $p) (i32.ctz (local.get $mask))))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (local.set $byte (i32.load8_u (local.get $at)))
            (if (i32.eq (local.get $byte) (i32.const 34))
              (then
                ;; A quoted cell is read here when it opens the cell, holds no line feed, and is followed
                ;; by a comma or the end of its line (a doubled quote inside is noted for the caller to
                ;; undo); any other record with a quote is left to the JavaScript tokenizer, which also
                ;; refuses a malformed one.
                (block $other
                  (br_if $other (i32.ne (local.get $at) (local.get $cellStart)))
                  (br_if $other (i32.ge_u (global.get $escaped) (i32.const 4096)))
                  (local.set $close (i32.add (local.get $at) (i32.const 1)))
                  (local.set $doubled (i32.const 0))
                  (block $closed
                    (loop $inside
                      (br_if $other (i32.ge_u (local.get $close) (local.get $n)))
                      (local.set $byte (i32.load8_u (local.get $close)))
                      (if (i32.eq (local.get $byte) (i32.const 34))
                        (then
                          ;; The last byte of the text may be the first quote of a doubled one.
                          (br_if $other (i32.ge_u (i32.add (local.get $close) (i32.const 1)) (local.get $n)))
                          (br_if $closed (i32.ne (i32.load8_u (i32.add (local.get $close) (i32.const 1))) (i32.const 34)))
                          (local.set $doubled (i32.const 1))
                          (local.set $close (i32.add (local.get $close) (i32.const 2)))
                          (br $inside)))
                      (br_if $other (i32.eq (local.get $byte) (i32.const 10)))
                      (local.set $close (i32.add (local.get $close) (i32.const 1)))
                      (br $inside)))
                  (local.set $byte (i32.load8_u (i32.add (local.get $close) (i32.const 1))))
                  (if (i32.eq (local.get $byte) (i32.const 44))
                    (then
                      (i32.store (i32.add (global.get $cellStartAt) (i32.shl (local.get $cells) (i32.const 2))) (i32.add (local.get $at) (i32.const 1)))
                      (i32.store (i32.add (global.get $cellEndAt) (i32.shl (local.get $cells) (i32.const 2))) (local.get $close))
                      (if (local.get $doubled)
                        (then
                          (i32.store (i32.add (global.get $escapedAt) (i32.shl (global.get $escaped) (i32.const 2))) (local.get $cells))
                          (global.set $escaped (i32.add (global.get $escaped) (i32.const 1)))))
                      (local.set $cells (i32.add (local.get $cells) (i32.const 1)))
                      (local.set $cellStart (i32.add (local.get $close) (i32.const 2)))
                      (local.set $p (local.get $cellStart))
                      (br $vector)))
                  ;; The record's last cell: its line feed (after a carriage return at most) ends it.
                  (local.set $p (i32.add (local.get $close) (i32.const 1)))
                  (if (i32.eq (local.get $byte) (i32.const 13))
                    (then
                      (br_if $other (i32.ge_u (i32.add (local.get $close) (i32.const 2)) (local.get $n)))
                      (local.set $byte (i32.load8_u (i32.add (local.get $close) (i32.const 2))))
                      (local.set $p (i32.add (local.get $close) (i32.const 2)))))
                  (br_if $other (i32.ne (local.get $byte) (i32.const 10)))
                  (local.set $cellStart (i32.add (local.get $at) (i32.const 1)))
                  (local.set $quotedEnd (local.get $close))
                  (local.set $quotedDoubled (local.get $doubled))
                  (br $vector))
                (global.set $rows (local.get $rows))
                (global.set $cells (local.get $before))
                (global.set $escaped (local.get $escapedBefore))
                (global.set $quotedAt (local.get $recordStart))
                (return (i32.const 1))))
            (if (i32.eq (local.get $byte) (i32.const 44))
              (then
                (i32.store (i32.add (global.get $cellStartAt) (i32.shl (local.get $cells) (i32.const 2))) (local.get $cellStart))
                (i32.store (i32.add (global.get $cellEndAt) (i32.shl (local.get $cells) (i32.const 2))) (local.get $at))
                (local.set $cells (i32.add (local.get $cells) (i32.const 1)))
                (local.set $cellStart (i32.add (local.get $at) (i32.const 1)))
                (br $event)))
            ;; A line feed ends the record, its last cell at a closing quote or before a carriage return.
            (local.set $end (local.get $at))
            (if (i32.ge_s (local.get $quotedEnd) (i32.const 0))
              (then
                (local.set $end (local.get $quotedEnd))
                (local.set $quotedEnd (i32.const -1))
                (if (local.get $quotedDoubled)
                  (then
                    (i32.store (i32.add (global.get $escapedAt) (i32.shl (global.get $escaped) (i32.const 2))) (local.get $cells))
                    (global.set $escaped (i32.add (global.get $escaped) (i32.const 1))))))
              (else
                (if (i32.gt_u (local.get $end) (local.get $recordStart))
                  (then
                    (if (i32.eq (i32.load8_u (i32.sub (local.get $end) (i32.const 1))) (i32.const 13))
                      (then (local.set $end (i32.sub (local.get $end) (i32.const 1)))))))))
            (if (i32.gt_u (local.get $end) (local.get $recordStart))
              (then
                (i32.store (i32.add (global.get $linesAt) (i32.shl (local.get $rows) (i32.const 2))) (local.get $line))
                (i32.store (i32.add (global.get $rowStartAt) (i32.shl (local.get $rows) (i32.const 2))) (local.get $before))
                (i32.store (i32.add (global.get $cellStartAt) (i32.shl (local.get $cells) (i32.const 2))) (local.get $cellStart))
                (i32.store (i32.add (global.get $cellEndAt) (i32.shl (local.get $cells) (i32.const 2))) (local.get $end))
                (local.set $cells (i32.add (local.get $cells) (i32.const 1)))
                (local.set $rows (i32.add (local.get $rows) (i32.const 1))))
              (else (local.set $cells (local.get $before))))
            (local.set $line (i32.add (local.get $line) (i32.const 1)))
            (local.set $recordStart (i32.add (local.get $at) (i32.const 1)))
            (local.set $cellStart (local.get $recordStart))
            (local.set $before (local.get $cells))
            (local.set $escapedBefore (global.get $escaped))
            (global.set $consumed (local.get $recordStart))
            (global.set $nextLine (local.get $line))
            (if (i32.and (i32.ge_u (local.get $rows) (local.get $maxRows)) (i32.lt_u (local.get $recordStart) (local.get $n)))
              (then (global.set $limited (i32.const 1)) (br $done)))
            (br $event)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $vector)))
      ;; Text after the last line feed: a record of its own at the end of the file, else left unread.
      (if (i32.lt_u (local.get $recordStart) (local.get $n))
        (then
          (if (i32.eqz (local.get $final))
            (then
              (local.set $cells (local.get $before))
              (global.set $escaped (local.get $escapedBefore))
              (br $done)))
          (local.set $end (local.get $n))
          (if (i32.eq (i32.load8_u (i32.sub (local.get $end) (i32.const 1))) (i32.const 13))
            (then (local.set $end (i32.sub (local.get $end) (i32.const 1)))))
          (if (i32.gt_u (local.get $end) (local.get $recordStart))
            (then
              (i32.store (i32.add (global.get $linesAt) (i32.shl (local.get $rows) (i32.const 2))) (local.get $line))
                (i32.store (i32.add (global.get $rowStartAt) (i32.shl (local.get $rows) (i32.const 2))) (local.get $before))
              (i32.store (i32.add (global.get $cellStartAt) (i32.shl (local.get $cells) (i32.const 2))) (local.get $cellStart))
                (i32.store (i32.add (global.get $cellEndAt) (i32.shl (local.get $cells) (i32.const 2))) (local.get $end))
              (local.set $cells (i32.add (local.get $cells) (i32.const 1)))
              (local.set $rows (i32.add (local.get $rows) (i32.const 1))))
            (else (local.set $cells (local.get $before))))
          (global.set $consumed (local.get $n))
          (global.set $nextLine (i32.add (local.get $line) (i32.const 1))))))
    (global.set $rows (local.get $rows))
    (global.set $cells (local.get $cells))
    (i32.const 0))
)
