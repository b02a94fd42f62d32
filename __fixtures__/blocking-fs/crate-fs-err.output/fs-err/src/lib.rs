//! Stand-in for fs-err: `std::fs` with the same signatures, whose errors name the path.
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

#[cfg(feature = "tokio")]
pub mod tokio;

pub(crate) fn named(err: io::Error, path: &Path) -> io::Error {
    io::Error::new(err.kind(), format!("{} (path: {})", err, path.display()))
}

pub fn read<P: AsRef<Path>>(path: P) -> io::Result<Vec<u8>> {
    let path = path.as_ref();
    fs::read(path).map_err(|e| named(e, path))
}

pub fn read_to_string<P: AsRef<Path>>(path: P) -> io::Result<String> {
    let path = path.as_ref();
    fs::read_to_string(path).map_err(|e| named(e, path))
}

pub fn write<P: AsRef<Path>, C: AsRef<[u8]>>(path: P, contents: C) -> io::Result<()> {
    let path = path.as_ref();
    fs::write(path, contents).map_err(|e| named(e, path))
}

pub fn create_dir_all<P: AsRef<Path>>(path: P) -> io::Result<()> {
    let path = path.as_ref();
    fs::create_dir_all(path).map_err(|e| named(e, path))
}

pub fn remove_file<P: AsRef<Path>>(path: P) -> io::Result<()> {
    let path = path.as_ref();
    fs::remove_file(path).map_err(|e| named(e, path))
}

pub fn rename<P: AsRef<Path>, Q: AsRef<Path>>(from: P, to: Q) -> io::Result<()> {
    let from = from.as_ref();
    fs::rename(from, to.as_ref()).map_err(|e| named(e, from))
}

pub fn copy<P: AsRef<Path>, Q: AsRef<Path>>(from: P, to: Q) -> io::Result<u64> {
    let from = from.as_ref();
    fs::copy(from, to.as_ref()).map_err(|e| named(e, from))
}

pub fn metadata<P: AsRef<Path>>(path: P) -> io::Result<fs::Metadata> {
    let path = path.as_ref();
    fs::metadata(path).map_err(|e| named(e, path))
}

/// fs-err's own `ReadDir`, not `std::fs::ReadDir`.
pub fn read_dir<P: Into<PathBuf>>(path: P) -> io::Result<ReadDir> {
    let path = path.into();
    match fs::read_dir(&path) {
        Ok(inner) => Ok(ReadDir { inner, path }),
        Err(e) => Err(named(e, &path)),
    }
}

#[derive(Debug)]
pub struct ReadDir {
    inner: fs::ReadDir,
    path: PathBuf,
}

impl Iterator for ReadDir {
    type Item = io::Result<DirEntry>;

    fn next(&mut self) -> Option<Self::Item> {
        let path = &self.path;
        Some(self.inner.next()?.map(|inner| DirEntry { inner }).map_err(|e| named(e, path)))
    }
}

#[derive(Debug)]
pub struct DirEntry {
    inner: fs::DirEntry,
}

impl DirEntry {
    pub fn path(&self) -> PathBuf {
        self.inner.path()
    }

    pub fn file_name(&self) -> std::ffi::OsString {
        self.inner.file_name()
    }
}

/// fs-err's own `File`: neither `std::fs::File` nor `tokio::fs::File`.
#[derive(Debug)]
pub struct File {
    file: fs::File,
    path: PathBuf,
}

impl File {
    pub fn open<P>(path: P) -> io::Result<Self>
    where
        P: AsRef<Path> + Into<PathBuf>,
    {
        match fs::File::open(path.as_ref()) {
            Ok(file) => Ok(File { file, path: path.into() }),
            Err(e) => Err(named(e, path.as_ref())),
        }
    }

    pub fn create<P>(path: P) -> io::Result<Self>
    where
        P: AsRef<Path> + Into<PathBuf>,
    {
        match fs::File::create(path.as_ref()) {
            Ok(file) => Ok(File { file, path: path.into() }),
            Err(e) => Err(named(e, path.as_ref())),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Read for File {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let path = &self.path;
        self.file.read(buf).map_err(|e| named(e, path))
    }
}

impl Write for File {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let path = &self.path;
        self.file.write(buf).map_err(|e| named(e, path))
    }

    fn flush(&mut self) -> io::Result<()> {
        let path = &self.path;
        self.file.flush().map_err(|e| named(e, path))
    }
}

/// fs-err's aliases on `Path` (sealed to `Path` in the real crate).
pub trait PathExt {
    fn fs_err_metadata(&self) -> io::Result<fs::Metadata>;
    fn fs_err_read_dir(&self) -> io::Result<ReadDir>;
}

impl PathExt for Path {
    fn fs_err_metadata(&self) -> io::Result<fs::Metadata> {
        metadata(self)
    }

    fn fs_err_read_dir(&self) -> io::Result<ReadDir> {
        read_dir(self)
    }
}
