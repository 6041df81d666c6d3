//! The `cahier` command line: thin commands over the library's pipeline.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cahier::diagnostic::counts;
use cahier::import::Format as ImportFormat;
use cahier::model::PageType;
use cahier::new::NewPage;
use cahier::pipeline::{self, Failure, Options};
use cahier::report::{self, Format};

/// mimalloc rather than the system allocator: a build allocates and frees
/// millions of small strings and template values on two threads, where
/// glibc's allocator spent a fifth of the time. At 10,000 pages: 3.2 s and
/// 354 MB with glibc, 2.9 s and 408 MB with mimalloc as it comes, 3.0 s and
/// 340 MB with freed memory given back after 2 ms (`PURGE_DELAY_MS`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_t` (the sys crate
/// names the options before it but not this one).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// How long freed memory stays with the process (mimalloc's default: 10 ms).
const PURGE_DELAY_MS: std::ffi::c_long = 2;

/// What `serve` calls once the work of a quiet moment is done: every
/// thread's heap gives back the memory it holds free. Without it, the
/// search index made again after each edit left freed memory with the
/// threads that made it, and the server's resident memory grew from 690 MB
/// to 915 MB over 100 edits of a 10,000-page site; with it, 715 MB.
fn give_back_memory() {
    // SAFETY: `mi_collect` only returns free memory of the calling
    // thread's heap; mimalloc documents it as safe to call at any time.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

#[derive(Parser)]
#[command(name = "cahier", version, about = "Build the wiki and decision register of a self-managed organisation into a static site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --out).
    Build {
        /// The site folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: ROOT/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Override `base_url` of site.yaml.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Validate the site without writing anything; exit 1 on error.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// human (like rustc), json, or github (workflow annotations).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[arg(long)]
        drafts: bool,
    },
    /// Build, serve on 127.0.0.1, rebuild and reload the browser on change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. On a loopback address (the default),
        /// only requests for localhost, *.localhost, 127.x.x.x or [::1] are
        /// answered, so that no web page can reach the server through a
        /// domain of its own (DNS rebinding). On any other address (e.g.
        /// 0.0.0.0) the site is open to the network, for any host name.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser once it is built.
        #[arg(long)]
        open: bool,
    },
    /// Search the site from the terminal (uses the index `build` keeps in .cahier-cache/).
    Search {
        /// Words (pages with more of them rank higher), "a phrase", -excluded, prefix*.
        query: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Topic id or alias (repeatable).
        #[arg(long = "topic")]
        topics: Vec<String>,
        /// Effective status: in-force, adopted, superseded, repealed, expired, proposed, rejected, withdrawn.
        #[arg(long)]
        status: Option<String>,
        /// Committee id (full or short) that took the decision.
        #[arg(long)]
        by: Option<String>,
        /// Page type: decision, committee, principle, meeting, page.
        #[arg(long = "type")]
        kind: Option<String>,
        #[arg(long)]
        lang: Option<String>,
        #[arg(long)]
        year: Option<u64>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print a JSON array of results.
        #[arg(long)]
        json: bool,
    },
    /// What changed in force between two dates (both included): decisions
    /// that entered force, left it (and what replaced them), were amended,
    /// or are proposals still pending. Markdown to paste into an
    /// invitation, JSON for other tools, or a page to print.
    Report {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// What changed from this day (YYYY-MM-DD), e.g. the last general assembly.
        #[arg(long, required_unless_present = "at", conflicts_with = "at")]
        since: Option<chrono::NaiveDate>,
        /// The last day of the changes (default: today).
        #[arg(long, requires = "since")]
        until: Option<chrono::NaiveDate>,
        /// Instead: every rule in force on this day, full text with --format html.
        #[arg(long)]
        at: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
    },
    /// Start a site in an empty or new folder: site.yaml, an assembly and a
    /// committee, a first decision, a home page that says where things go,
    /// .gitignore, and CI recipes (GitHub Actions, GitLab CI).
    Init {
        /// The folder to create (it must be empty or not exist).
        dir: PathBuf,
        /// Languages, the first being the default: fr, en, or both.
        #[arg(long, value_delimiter = ',', default_value = "fr,en")]
        lang: Vec<String>,
        /// The site's title (default: the folder's name).
        #[arg(long)]
        title: Option<String>,
    },
    /// Import from another format into decision files.
    Import {
        #[command(subcommand)]
        what: Import,
    },
    /// Start a new page with valid front matter.
    New {
        #[arg(value_enum)]
        kind: PageType,
        /// The title; the file name is made from it.
        title: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// A topic (repeatable).
        #[arg(long = "topic")]
        topics: Vec<String>,
        /// The committee that takes the decision or holds the meeting.
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Subcommand)]
enum Import {
    /// Turn a chronological log ("cahier de décisions") into one decision
    /// file per item in content/decisions/; run again after the log grows,
    /// items already imported are skipped. Exit 1 when some lines could not
    /// be placed.
    Log {
        /// The log: MediaWiki, Markdown or plain text.
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Default: from the extension (.wiki MediaWiki, .md Markdown, else text).
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// The committee of sections that name none.
        #[arg(long)]
        by: Option<String>,
        /// NAME=COMMITTEE: a name the log gives a committee (repeatable).
        #[arg(long, value_name = "NAME=COMMITTEE")]
        map: Vec<String>,
        /// Print what would be written, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn main() -> ExitCode {
    // SAFETY: sets an integer option of the allocator, which mimalloc
    // documents as safe to change while the program runs.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, drafts, base_url } => {
            let mut opts = Options::new(root);
            if let Some(out) = out {
                opts.out = out;
            }
            opts.drafts = drafts;
            opts.base_url = base_url;
            build(&opts)
        }
        Command::Check { root, format, drafts } => {
            let mut opts = Options::new(root);
            opts.drafts = drafts;
            check(&opts, format)
        }
        Command::Serve { root, port, bind, drafts, open } => {
            let mut opts = Options::new(root);
            opts.drafts = drafts;
            match cahier::serve::serve(opts, &bind, port, open, give_back_memory) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Search { query, root, topics, status, by, kind, lang, year, limit, json } => {
            let topics = resolve_topics(&root, topics);
            let filters = cahier::search::engine::Filters { topics, status, by, kind, lang, year };
            match pipeline::search_index(&root).and_then(|searcher| cahier::search::terminal::run(&searcher, &query, &filters, limit, json))
            {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Report { root, since, until, at, format } => match (since, at) {
            (Some(since), _) => report_changes(&Options::new(root), since, until, format),
            (None, Some(at)) => report_in_force(&Options::new(root), at, format),
            // clap requires one of the two.
            (None, None) => ExitCode::from(2),
        },
        Command::Init { dir, lang, title } => init(&dir, &lang, title.as_deref()),
        Command::Import { what: Import::Log { file, root, format, by, map, dry_run } } => {
            let req = cahier::import::Request { root: &root, log: &file, format, by: by.as_deref(), map: &map, dry_run };
            import_log(&req)
        }
        Command::New { kind, title, root, topics, by } => {
            let new = NewPage { kind, title: &title, topics: &topics, by: by.as_deref(), today: chrono::Local::now().date_naive() };
            let mut resolved = Vec::new();
            match cahier::new::checked(&root, new, &mut resolved).and_then(|new| cahier::new::create(&root, &new)) {
                Ok(path) => {
                    println!("created {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// `cahier init`: the files written and what to do next, or why not.
fn init(dir: &std::path::Path, languages: &[String], title: Option<&str>) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    match cahier::init::init(dir, languages, title, today) {
        Ok(files) => {
            println!("{}", cahier::init::report(dir, &files));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `cahier import log`: exit 1 when some lines could not be placed, 2 when
/// the import was refused (nothing written) or failed.
fn import_log(req: &cahier::import::Request<'_>) -> ExitCode {
    match cahier::import::run(req) {
        Ok(outcome) => {
            let printed = print_text(&outcome.report());
            if printed != ExitCode::SUCCESS {
                printed
            } else if outcome.unplaced.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Topic aliases typed on the command line, resolved with site.yaml.
fn resolve_topics(root: &std::path::Path, topics: Vec<String>) -> Vec<String> {
    if topics.is_empty() {
        return topics;
    }
    let config = cahier::parse::site::load(root, &mut Vec::new());
    topics.into_iter().map(|t| config.topics.get(&t).map_or(t, |known| known.id.clone())).collect()
}

fn build(opts: &Options) -> ExitCode {
    match pipeline::build(opts) {
        Ok(built) => {
            report::print(&opts.root, &built.compiled.diagnostics, Format::Human);
            if let Err(e) = &built.search {
                eprintln!("warning: {e}");
            }
            for w in &built.stats.warnings {
                eprintln!("warning: {w}");
            }
            if built.compiled.site.as_ref().is_some_and(|s| s.history.is_none()) {
                eprintln!(
                    "note: {} is not in a git repository (or git is not installed): pages show no history, /changes/ says so",
                    pipeline::display_root(&opts.root)
                );
            }
            let pages = built.compiled.site.as_ref().map_or(0, |s| s.pages.len());
            let total = built.compiled.timings.total;
            let stages: Vec<String> =
                built.compiled.timings.stages.iter().map(|(n, d)| format!("{n} {:.0} ms", d.as_secs_f64() * 1000.0)).collect();
            eprintln!(
                "built {pages} pages ({} files) in {:.0} ms ({})\nopen {}",
                built.stats.files,
                total.as_secs_f64() * 1000.0,
                stages.join(", "),
                opts.out.join("index.html").display()
            );
            // The site is freed by the process's exit, not piece by piece:
            // at 10,000 pages that took up to a second.
            std::mem::forget(built);
            ExitCode::SUCCESS
        }
        Err((failure, diags)) => fail(opts, failure, &diags),
    }
}

fn fail(opts: &Options, failure: Failure, diags: &[cahier::Diagnostic]) -> ExitCode {
    report::print(&opts.root, diags, Format::Human);
    match failure {
        Failure::Site => {
            eprintln!("error: the site has errors; nothing was written ({} left as it was)", opts.out.display());
            ExitCode::from(1)
        }
        Failure::Template(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
        Failure::Io(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The forms of `cahier report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    Markdown,
    Json,
    Html,
}

/// `cahier report --since`: the site is read as `check` reads it; a site
/// with errors gets no report (its register could be wrong).
fn report_changes(opts: &Options, since: chrono::NaiveDate, until: Option<chrono::NaiveDate>, format: ReportFormat) -> ExitCode {
    let until = until.unwrap_or(opts.today);
    if until < since {
        eprintln!("error: --until {until} comes before --since {since}");
        return ExitCode::from(2);
    }
    let compiled = match compile_for_report(opts) {
        Ok(compiled) => compiled,
        Err(code) => return code,
    };
    let (Some(site), Some(theme)) = (compiled.site.as_ref(), compiled.theme.as_ref()) else { return ExitCode::from(2) };
    let changes = cahier::resolve::changes::between(&site.register, since, until);
    let lang = site.config.default_lang();
    let strings = theme.strings(lang);
    let text = match format {
        ReportFormat::Markdown => cahier::render::changes::markdown(site, &changes, strings),
        ReportFormat::Json => cahier::render::changes::json(site, &changes),
        ReportFormat::Html => cahier::render::changes::html(site, &changes, strings, lang),
    };
    print_text(&(text + "\n"))
}

/// The site read as `check` reads it; a site with errors gets no report
/// (its register could be wrong).
fn compile_for_report(opts: &Options) -> Result<pipeline::Compiled, ExitCode> {
    let compiled = pipeline::compile_into(opts, &cahier::output::Discard).map_err(|failure| fail(opts, failure, &[]))?;
    if compiled.has_errors() {
        report::print(&opts.root, &compiled.diagnostics, Format::Human);
        eprintln!("error: the site has errors; fix them for a report");
        return Err(ExitCode::from(1));
    }
    Ok(compiled)
}

/// `cahier report --at`: the rules in force on a day. As HTML, the page
/// `/in-force/` is for the build date; as Markdown, a list to paste; as
/// JSON, for other tools.
fn report_in_force(opts: &Options, at: chrono::NaiveDate, format: ReportFormat) -> ExitCode {
    let compiled = match compile_for_report(opts) {
        Ok(compiled) => compiled,
        Err(code) => return code,
    };
    let (Some(site), Some(theme)) = (compiled.site.as_ref(), compiled.theme.as_ref()) else { return ExitCode::from(2) };
    let lang = site.config.default_lang();
    let text = match format {
        ReportFormat::Markdown => cahier::render::changes::in_force_markdown(site, at, theme.strings(lang)),
        ReportFormat::Json => cahier::render::changes::in_force_json(site, at),
        ReportFormat::Html => match cahier::render::views::Views::new(site, theme).and_then(|v| v.in_force_report(lang, at)) {
            Ok(html) => html,
            Err(e) => {
                eprintln!("error: {}", e.0);
                return ExitCode::from(1);
            }
        },
    };
    print_text(&(text + "\n"))
}

fn check(opts: &Options, format: Format) -> ExitCode {
    // Rendered to find template errors, the files are not kept.
    match pipeline::compile_into(opts, &cahier::output::Discard) {
        Ok(compiled) => {
            report::print(&opts.root, &compiled.diagnostics, format);
            let (errors, warnings) = counts(&compiled.diagnostics);
            if format == Format::Human && errors + warnings == 0 {
                eprintln!("no problems found in {}", pipeline::display_root(&opts.root));
            }
            // Freed by the exit, not piece by piece.
            std::mem::forget(compiled);
            if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(failure) => fail(opts, failure, &[]),
    }
}

/// Prints a report to stdout, as it is. A reader that stops reading
/// (`| head`) ends the output, not the program with a panic.
fn print_text(text: &str) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the report: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
