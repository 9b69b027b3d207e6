//! Records written as they are made, in any output format, so that extracting an archive
//! holds one batch of records at a time, never all of them. The output is byte for byte
//! what rendering the whole list at once would give: one record in `json` is an object,
//! several are an array.

use std::io::{self, Write};

use sitrep_model::Record;

use crate::cli::Format;
use crate::extract_cmd::pretty;

pub struct RecordStream<W: Write> {
    out: W,
    format: Format,
    /// In `json`, the first record waits until a second one shows it is an array.
    held: Option<String>,
    written: usize,
}

impl<W: Write> RecordStream<W> {
    pub fn new(out: W, format: Format) -> Self {
        Self {
            out,
            format,
            held: None,
            written: 0,
        }
    }

    /// How many records have been given so far.
    pub fn count(&self) -> usize {
        self.written
    }

    pub fn push(&mut self, r: &Record) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, r)?;
                self.out.write_all(b"\n")?;
            }
            Format::Pretty => {
                if self.written > 0 {
                    self.out.write_all(b"\n")?;
                }
                self.out.write_all(pretty(r).as_bytes())?;
            }
            Format::Json => {
                let text = serde_json::to_string_pretty(r)?;
                match self.written {
                    0 => self.held = Some(text),
                    1 => {
                        let first = self.held.take().unwrap_or_default();
                        self.out.write_all(b"[\n")?;
                        self.element(&first)?;
                        self.out.write_all(b",\n")?;
                        self.element(&text)?;
                    }
                    _ => {
                        self.out.write_all(b",\n")?;
                        self.element(&text)?;
                    }
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    /// One array element, indented one level as a pretty-printed array has it (JSON
    /// strings hold no raw newline, so every line is the element's own).
    fn element(&mut self, text: &str) -> io::Result<()> {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"  ")?;
            self.out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Closes the output: the array's end, or the one record as an object.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            match (self.written, self.held.take()) {
                (0, _) => self.out.write_all(b"[]\n")?,
                (1, Some(one)) => {
                    self.out.write_all(one.as_bytes())?;
                    self.out.write_all(b"\n")?;
                }
                _ => self.out.write_all(b"\n]\n")?,
            }
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str) -> Record {
        let mut r = Record::default();
        r.document.id = id.to_string();
        r.document.text = "a\nb \"quoted\"".to_string();
        r.sentences = vec![sitrep_model::Span::new(0, 1)];
        r
    }

    fn streamed(format: Format, records: &[Record]) -> String {
        let mut buf = Vec::new();
        let mut s = RecordStream::new(&mut buf, format);
        for r in records {
            s.push(r).unwrap();
        }
        s.finish().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn streamed_json_is_what_rendering_the_whole_list_gives() {
        for n in 0..4 {
            let records: Vec<Record> = (0..n).map(|i| record(&format!("r{i}"))).collect();
            let whole = if n == 1 {
                serde_json::to_string_pretty(&records[0]).unwrap() + "\n"
            } else {
                serde_json::to_string_pretty(&records).unwrap() + "\n"
            };
            assert_eq!(streamed(Format::Json, &records), whole, "{n} records");
            let lines: String = records
                .iter()
                .map(|r| serde_json::to_string(r).unwrap() + "\n")
                .collect();
            assert_eq!(streamed(Format::Jsonl, &records), lines);
            let pretty_all = records.iter().map(pretty).collect::<Vec<_>>().join("\n");
            assert_eq!(streamed(Format::Pretty, &records), pretty_all);
        }
    }
}
