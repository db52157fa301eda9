fn main() -> std::process::ExitCode {
    publist::cli::main()
}
